// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard doing its job as root on real files in /dev/shm: a file owned by a dedicated "qemu" test user, a
 * real desktop test user who can then open it read/write, getfacl as the independent witness.
 */
class SharedMemoryGuardE2E {
    private static final long SIZE = 32L << 20;
    private static TestUser qemu;
    private static TestUser desktop;
    private final SharedMemoryGuard guard = SharedMemoryGuard.onThisMachine();
    private final ScratchFiles scratch = new ScratchFiles();

    @BeforeAll
    static void createUsers() {
        qemu = TestUser.create();
        desktop = TestUser.create();
    }

    @AfterAll
    static void removeUsers() {
        if (desktop != null) {
            desktop.close();
        }
        if (qemu != null) {
            qemu.close();
        }
    }

    @AfterEach
    void removeFiles() throws Exception {
        scratch.close();
    }

    @Test
    void grantingLetsTheDesktopUserReadAndWriteAndClosesTheFileToEveryoneElse() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        assertFalse(desktop.canReadAndWrite(shm.toString()), "QEMU's 0644 file is closed to the desktop user");

        AclOutcome outcome = guard.grantExactly(shm, expectedFile(), List.of(desktop.name()));

        assertTrue(outcome.changed());
        assertTrue(desktop.canReadAndWrite(shm.toString()), desktop.name() + " may now open " + shm + " read/write");
        String acl = FileSnapshot.getfacl(shm);
        assertTrue(acl.contains("user:" + desktop.name() + ":rw-\n"), acl);
        assertTrue(acl.contains("mask::rw-\n"), acl);
        assertTrue(acl.contains("group::---\n"), "QEMU's group:r-- is gone: " + acl);
        assertTrue(acl.contains("other::---\n"), "QEMU's other:r-- is gone: " + acl);
        assertEquals(qemu.uid(), Files.getAttribute(shm, "unix:uid", LinkOption.NOFOLLOW_LINKS), "owner kept");
    }

    @Test
    void grantingTwiceLeavesOneEntryAndTheSecondGrantWritesNothing() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        guard.grantExactly(shm, expectedFile(), List.of(desktop.name()));
        FileSnapshot afterFirst = FileSnapshot.of(shm);

        AclOutcome second = guard.grantExactly(shm, expectedFile(), List.of(desktop.name(), desktop.name()));

        assertFalse(second.changed(), second.toString());
        assertEquals(afterFirst, FileSnapshot.of(shm), "not even the ctime moved: nothing was written");
        String acl = FileSnapshot.getfacl(shm);
        assertEquals(1, acl.lines().filter(line -> line.startsWith("user:" + desktop.name() + ":")).count(), acl);
    }

    @Test
    void grantingNobodyRevokesEveryoneAndLeavesOnlyTheOwner() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        guard.grantExactly(shm, expectedFile(), List.of(desktop.name()));

        AclOutcome outcome = guard.grantExactly(shm, expectedFile(), List.of());

        assertTrue(outcome.changed());
        assertFalse(desktop.canReadAndWrite(shm.toString()));
        assertEquals("user::rw-\ngroup::---\nother::---\n\n", FileSnapshot.getfacl(shm));
        assertEquals(0600, (Integer) Files.getAttribute(shm, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777,
                "only QEMU's user may open it");
    }

    @Test
    void grantingReplacesEntriesOthersSetWithSetfacl() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        TestUser stranger = TestUser.create();
        try {
            FileSnapshot.setfacl(shm, "u:" + stranger.name() + ":rw,g:" + qemu.name() + ":r");

            guard.grantExactly(shm, expectedFile(), List.of(desktop.name()));

            assertEquals("user::rw-\nuser:" + desktop.name() + ":rw-\ngroup::---\nmask::rw-\nother::---\n\n",
                    FileSnapshot.getfacl(shm));
            assertTrue(desktop.canReadAndWrite(shm.toString()));
            assertFalse(stranger.canRead(shm.toString()), "a user nobody listed loses what setfacl gave");
        } finally {
            stranger.close();
        }
    }

    @Test
    void grantingAnotherListTakesAccessFromAUserNoLongerOnIt() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        TestUser second = TestUser.create();
        try {
            guard.grantExactly(shm, expectedFile(), List.of(desktop.name(), second.name()));
            assertTrue(second.canReadAndWrite(shm.toString()));

            guard.grantExactly(shm, expectedFile(), List.of(desktop.name()));

            assertFalse(second.canRead(shm.toString()), "removed from the list, so no access");
            assertTrue(desktop.canReadAndWrite(shm.toString()));
        } finally {
            second.close();
        }
    }

    @Test
    void aKvmfrCharacterDeviceOwnedByQemuIsGranted() throws Exception {
        // mknod works on tmpfs here (/dev/shm is not mounted nodev); a folder stands in for /dev
        Path devices = scratch.folder(ScratchFiles.DEV_SHM);
        Path kvmfr = scratch.characterDevice(devices.resolve("kvmfr0"), qemu.uid());
        assertFalse(desktop.canReadAndWrite(kvmfr.toString()));

        guard.grantExactly(kvmfr, Expectation.kvmfrDevice(qemu.uid()), List.of(desktop.name()));

        assertTrue(desktop.canReadAndWrite(kvmfr.toString()));
        String acl = FileSnapshot.getfacl(kvmfr);
        assertTrue(acl.contains("user:" + desktop.name() + ":rw-\n"), acl);
        assertTrue(acl.contains("other::---\n"), acl);
    }

    @Test
    void aKvmfrDeviceWithoutItsDriverIsReportedAsSuchAndLeftAlone() throws Exception {
        Path devices = scratch.folder(ScratchFiles.DEV_SHM);
        Path kvmfr = scratch.characterDevice(devices.resolve("kvmfr0"), qemu.uid(), 1, 255);
        FileSnapshot before = FileSnapshot.of(kvmfr);

        var e = assertThrows(SharedMemoryAccessException.class,
                () -> guard.grantExactly(kvmfr, Expectation.kvmfrDevice(qemu.uid()), List.of(desktop.name())));

        assertEquals(SharedMemoryAccessException.Problem.SYSTEM_ERROR, e.problem());
        assertEquals("cannot open " + kvmfr + ": openat(" + kvmfr + ") failed: No such device or address (errno 6);"
                + " is the driver of this device (kvmfr) loaded?", e.getMessage());
        assertEquals(before, FileSnapshot.of(kvmfr));
    }

    @Test
    @Timeout(120)
    void theSharedMemoryFileOfARealGuestIsGrantedToTheDesktopUser() throws Exception {
        int mib = 32;
        try (TestGuest guest = TestGuest.define(RealLibvirt.connect(), mib)) {
            guest.start();
            Path shm = guest.shmPath();
            waitUntilExists(shm);
            assertFalse(desktop.canReadAndWrite(shm.toString()));

            AclOutcome outcome = guard.grantExactly(shm,
                    Expectation.sharedMemoryFile(guest.qemuUid(), mib * 1024L * 1024L), List.of(desktop.name()));

            assertTrue(desktop.canReadAndWrite(shm.toString()), outcome.toString());
        }
    }

    private static Expectation expectedFile() {
        return Expectation.sharedMemoryFile(qemu.uid(), SIZE);
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
