// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What lg-daemon says at start-up about the kernel's link protections, from the /proc/sys/fs files' contents. */
class KernelLinkProtectionTest {

    @Test
    void bothOnSaysNothing() {
        assertEquals(Optional.empty(), KernelLinkProtection.warning("1\n", "1\n"));
    }

    @Test
    void symlinkProtectionOffNamesTheSysctlTheCommandAndTheFileThatKeepsIt() {
        String w = KernelLinkProtection.warning("0\n", "1\n").orElseThrow();
        assertTrue(w.startsWith("fs.protected_symlinks is 0: the kernel follows symlinks in sticky world-writable"
                + " directories such as /dev/shm"), w);
        assertTrue(w.contains("run sysctl -w fs.protected_symlinks=1 and keep it across reboots with"
                + " /etc/sysctl.d/99-protect-links.conf containing 'fs.protected_symlinks = 1'"), w);
        assertFalse(w.contains("hardlinks"), w);
    }

    @Test
    void hardlinkProtectionOffIsNamedToo() {
        String w = KernelLinkProtection.warning("1\n", "0\n").orElseThrow();
        assertTrue(w.startsWith("fs.protected_hardlinks is 0: anyone may hard-link files they do not own"), w);
        assertTrue(w.contains("sysctl -w fs.protected_hardlinks=1 "), w);
    }

    @Test
    void bothOffMakeOneLineWithOneCommand() {
        String w = KernelLinkProtection.warning("0\n", "0\n").orElseThrow();
        assertTrue(w.startsWith("fs.protected_symlinks and fs.protected_hardlinks are 0: "), w);
        assertTrue(w.contains("sysctl -w fs.protected_symlinks=1 fs.protected_hardlinks=1 and keep"), w);
        assertTrue(w.contains("containing 'fs.protected_symlinks = 1' and 'fs.protected_hardlinks = 1'"), w);
        assertTrue(w.endsWith("(and remove what sets them to 0)"), w);
        assertFalse(w.contains("\n"), "one log line: " + w);
    }

    /** Unknown is not off: a container may hide the files, and a warning we cannot back up is noise. */
    @Test
    void unreadableOrUnexpectedContentSaysNothing() {
        assertEquals(Optional.empty(), KernelLinkProtection.warning(null, null));
        assertEquals(Optional.empty(), KernelLinkProtection.warning("", "x\n"));
        assertEquals(Optional.empty(), KernelLinkProtection.warning("2\n", null));
    }

    @Test
    void readsTheTwoFilesOfTheGivenFolder(@TempDir Path fs) throws Exception {
        Files.writeString(fs.resolve("protected_symlinks"), "0\n");
        Files.writeString(fs.resolve("protected_hardlinks"), "1\n");
        assertTrue(KernelLinkProtection.check(fs).orElseThrow().startsWith("fs.protected_symlinks is 0"));

        Files.writeString(fs.resolve("protected_symlinks"), "1\n");
        assertEquals(Optional.empty(), KernelLinkProtection.check(fs));
    }

    @Test
    void aFolderWithoutTheFilesSaysNothing(@TempDir Path fs) {
        assertEquals(Optional.empty(), KernelLinkProtection.check(fs.resolve("missing")));
    }
}
