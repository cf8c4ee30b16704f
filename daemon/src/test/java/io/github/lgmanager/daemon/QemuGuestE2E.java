// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The situation lg-daemon exists for, on the real stack: a QEMU guest with an ivshmem device starts, QEMU creates
 * /dev/shm/NAME with the configured size, owned by its own user, and a desktop user cannot write it.
 */
class QemuGuestE2E {
    private static final int SHM_MIB = 32;

    @Test
    void startingAGuestCreatesTheSharedMemoryFileOwnedByQemuAndClosedToOtherUsers() throws Exception {
        try (TestUser desktopUser = TestUser.create();
             TestGuest guest = TestGuest.define(RealLibvirt.connect(), SHM_MIB)) {
            Path shm = guest.shmPath();
            assertFalse(Files.exists(shm, LinkOption.NOFOLLOW_LINKS), "no file before the guest starts");

            guest.start();
            waitUntilExists(shm);

            assertTrue(Files.isRegularFile(shm, LinkOption.NOFOLLOW_LINKS), shm + " is a regular file");
            assertEquals(SHM_MIB * 1024L * 1024L, Files.size(shm), "size of " + shm);
            int owner = (Integer) Files.getAttribute(shm, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            assertEquals(guest.qemuUid(), owner, "the file belongs to the user QEMU runs as");
            assertTrue(owner != 0, "QEMU runs unprivileged here (dynamic_ownership / user in qemu.conf)");
            assertFalse(desktopUser.canReadAndWrite(shm.toString()),
                    "without lg-daemon a desktop user cannot open the file read/write: the problem we solve");
        }
    }

    private static void waitUntilExists(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not appear within 30 s of the guest's start");
            }
            Thread.sleep(50);
        }
    }
}
