// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShmNamesTest {

    @Test
    void aVmGetsAFileNamedAfterIt() {
        assertEquals("looking-glass-win11", ShmNames.defaultFor("win11"));
        assertEquals("looking-glass-win11", ShmNames.defaultFor("win11"), "the same on every call");
    }

    @Test
    void twoVmsNeverShareTheDefault() {
        assertNotEquals(ShmNames.defaultFor("win11"), ShmNames.defaultFor("win10"));
        assertNotEquals(ShmNames.defaultFor("win 11"), ShmNames.defaultFor("win/11"), "both would read win-11");
    }

    @Test
    void charactersAFileNameMustNotHaveAreReplacedAndTheNameHashed() {
        String name = ShmNames.defaultFor("Windows 11 (gaming)");
        assertTrue(name.matches("looking-glass-Windows-11-gaming-[0-9a-f]{8}"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"win11", "Windows 11 (gaming)", "../../etc/passwd", "..", "ü", "-", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "vm.with.dots", "x/y"})
    void theDefaultIsAlwaysAValidShmName(String vmName) {
        String name = ShmNames.defaultFor(vmName);
        assertEquals(java.util.Optional.empty(), ShmNames.problemWithName(name), name);
        assertTrue(name.length() <= 64, name);
    }

    @Test
    void spiceSocketsLiveInTheVmsOwnFolderAndOnlyThereAreOurs() {
        assertEquals("/run/lg-manager/spice/looking-glass-win11/spice.sock", SpiceSockets.socketFor("looking-glass-win11"));
        assertTrue(SpiceSockets.isOurs("/run/lg-manager/spice/looking-glass-win11/spice.sock"));
        assertTrue(!SpiceSockets.isOurs("/run/lg-manager/spice/../../etc/spice.sock"));
        assertTrue(!SpiceSockets.isOurs("/var/lib/libvirt/qemu/spice.sock"));
        assertTrue(!SpiceSockets.isOurs("/run/lg-manager/spice/a/b/spice.sock"));
    }
}
