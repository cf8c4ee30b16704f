// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class VmPropertyReaderTest {
    @Test
    void theDaemonsPropertiesBecomeAVmView() {
        VmView vm = VmPropertyReader.read(Map.ofEntries(entry("Uuid", new Variant<>("0f1e2d3c-0000-4000-8000-000000000001")),
                entry("Name", new Variant<>("win11")), entry("Running", new Variant<>(true)),
                entry("Enabled", new Variant<>(true)), entry("Mode", new Variant<>("shm")),
                entry("ShmSizeMiB", new Variant<>(new UInt32(64))), entry("Users", new Variant<>(List.of("alice", "bob"), "as")),
                entry("AutoOpenUsers", new Variant<>(List.of("bob"), "as")), entry("ClientOptions", new Variant<>(List.of("egl:scale=2"), "as")),
                entry("ShmPath", new Variant<>("/dev/shm/lg")), entry("SpiceHost", new Variant<>("127.0.0.1")),
                entry("SpicePort", new Variant<>(5901)), entry("Width", new Variant<>(new UInt32(2560)))));
        assertEquals(new VmView("0f1e2d3c-0000-4000-8000-000000000001", "win11", true, true, "shm", "/dev/shm/lg", 64, 0,
                2560, 0, false, "", List.of("alice", "bob"), List.of("bob"), List.of("egl:scale=2"), "127.0.0.1", 5901, false, "",
                false), vm);
    }

    @Test
    void missingOrOddValuesReadAsEmpty() {
        VmView vm = VmPropertyReader.read(Map.of("Name", new Variant<>(7), "Running", new Variant<>("yes")));
        assertEquals("", vm.name());
        assertEquals("", vm.uuid());
        assertEquals(false, vm.running());
        assertEquals(List.of(), vm.users());
    }
}
