// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostTest {

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertTrue(new Host(Map.of(), "alice", Path.of("/")).colour(true));
        assertFalse(new Host(Map.of(), "alice", Path.of("/")).colour(false));
        assertFalse(new Host(Map.of("NO_COLOR", ""), "alice", Path.of("/")).colour(true));
    }

    @Test
    void theInvokingUserIsSudoUserWhenSet() {
        assertEquals("alice", new Host(Map.of("SUDO_USER", "alice"), "root", Path.of("/")).invokingUser());
        assertEquals("root", new Host(Map.of("SUDO_USER", " "), "root", Path.of("/")).invokingUser());
        assertEquals("bob", new Host(Map.of(), "bob", Path.of("/")).invokingUser());
    }

    @Test
    void doctorColoursStatusWordsOnlyWhenAsked() {
        var checks = java.util.List.of(io.github.lgmanager.admin.doctor.Check.pass("daemon", "fine"));
        assertEquals("PASS  daemon  fine\nall 1 checks passed\n", DoctorCommand.text(checks, false));
        assertTrue(DoctorCommand.text(checks, true).startsWith("\u001b[32mPASS\u001b[0m  daemon  fine"));
    }

    @Test
    void aCheckThatCouldNotApplyIsCountedAsSkippedNotPassed() {
        var checks = java.util.List.of(io.github.lgmanager.admin.doctor.Check.pass("daemon", "fine"),
                io.github.lgmanager.admin.doctor.Check.skip(new io.github.lgmanager.admin.doctor.Check.Subject("acl", "vm1"),
                        "not checked: VM shut off"));
        assertEquals("PASS  daemon    fine\nSKIP  vm1: acl  not checked: VM shut off\n1 passed, 1 skipped\n",
                DoctorCommand.text(checks, false));
        assertEquals(0, io.github.lgmanager.admin.doctor.Status.exitCode(checks), "a skip is not a problem");
    }
}
