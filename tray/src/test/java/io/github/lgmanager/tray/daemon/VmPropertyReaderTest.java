package io.github.lgmanager.tray.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.tray.core.VmState;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class VmPropertyReaderTest {
    @Test
    void theDaemonsPropertiesBecomeAVmState() {
        VmState vm = VmPropertyReader.read("/io/github/lgmanager1/vm/x", Map.of(
                "Name", new Variant<>("win11"), "Running", new Variant<>(true), "Enabled", new Variant<>(true),
                "Users", new Variant<>(List.of("alice", "bob"), "as"), "AutoOpen", new Variant<>(true),
                "ClientOptions", new Variant<>(List.of("egl:scale=2"), "as"), "ShmPath", new Variant<>("/dev/shm/lg"),
                "SpiceHost", new Variant<>("127.0.0.1"), "SpicePort", new Variant<>(5901), "Width", new Variant<>(new UInt32(2560))));
        assertEquals(new VmState("/io/github/lgmanager1/vm/x", "win11", true, true, List.of("alice", "bob"), true,
                List.of("egl:scale=2"), "/dev/shm/lg", "127.0.0.1", 5901, false, "", false, 2560, 0, false), vm);
    }

    @Test
    void missingOrOddValuesReadAsEmpty() {
        VmState vm = VmPropertyReader.read("/p", Map.of("Name", new Variant<>(7), "Running", new Variant<>("yes")));
        assertEquals("", vm.name());
        assertEquals(false, vm.running());
        assertEquals(List.of(), vm.users());
    }
}
