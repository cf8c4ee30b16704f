// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Cli.Run;
import org.junit.jupiter.api.Test;

/** When lg-daemon cannot be reached (a bus address nobody listens on): one line with the way out, never a trace. */
class AdminUnreachableDaemonIT {

    @Test
    void doctorJsonAndTextNeverPrintAStackTrace() {
        Run run = Cli.run("--bus", "unix:path=/nonexistent/lgmt-bus", "doctor", "--json");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("{\"result\":\"fail\",\"checks\":[{\"id\":\"host.daemon\",\"vm\":\"\",\"status\":\"FAIL\""), run.out());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void anUnreachableDaemonIsOneLineWithTheWayOut() {
        Run run = Cli.run("--bus", "unix:path=/nonexistent/lgmt-bus", "list");
        assertEquals(1, run.exitCode());
        assertEquals(1, run.problems().lines().count(), run.err());
        assertTrue(run.problems().startsWith("lg-admin: cannot reach lg-daemon on the bus unix:path=/nonexistent/lgmt-bus"),
                run.err());
        assertTrue(run.err().contains("--connect qemu:///system"), run.err());
    }

}
