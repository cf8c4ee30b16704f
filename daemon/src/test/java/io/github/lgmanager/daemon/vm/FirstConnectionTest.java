// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When lg-daemon may claim its bus name: after the first reconcile, or as soon as libvirt is found unreachable (a
 * client activating the daemon over D-Bus gives up after 25 s; waiting out a long timeout for a libvirtd that is
 * down would make every client fail). The generous guard only stops a hang; nothing here measures time.
 */
class FirstConnectionTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void aReconciledConnectionEndsTheWaitAsConnected() {
        try (SupervisorFixture f = new SupervisorFixture()) {
            f.connect();
            assertTrue(assertTimeoutPreemptively(HANG_GUARD,
                    () -> f.supervisor.awaitFirstReconcile(1, TimeUnit.DAYS)));
        }
    }

    @Test
    void anUnreachableLibvirtEndsTheWaitAtOnceAsNotConnected() {
        try (SupervisorFixture f = new SupervisorFixture()) {
            f.supervisor.unreachable("Failed to connect socket to '/run/libvirt/libvirt-sock': No such file or directory");
            assertFalse(assertTimeoutPreemptively(HANG_GUARD,
                    () -> f.supervisor.awaitFirstReconcile(1, TimeUnit.DAYS)));
        }
    }
}
