// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.daemon.shm.SharedMemoryAccessException.Problem;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * What another local user can plant in world-writable /dev/shm before QEMU starts, as root on real files.
 * Each plant must be refused with its named problem, and leave every file involved exactly as it was (ACL,
 * mode, owner, ctime) — for a link, also the file it points to. Where the plant would pass every other check
 * if followed (a link to a file of QEMU's user, of the right size), the test proves that check alone holds.
 */
class SharedMemoryAttacksE2E {
    private static final long SIZE = 32L << 20;
    private static final String PLANTED = " (possible planting by another user); remove it and restart the VM";
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
    void aSymbolicLinkToAFileElsewhereIsRefusedAndItsTargetUntouched() throws Exception {
        Path elsewhere = scratch.track(Files.createTempDirectory("lgmt-"));
        Path target = scratch.regularFile(elsewhere.resolve("qemu-file"), qemu.uid(), SIZE);
        Path link = scratch.symbolicLink(scratch.name(), target, desktop.uid());

        var e = refused(List.of(link, target), () -> guard.grantExactly(link, expectedFile(), desktopUser()));

        assertEquals(Problem.SYMBOLIC_LINK, e.problem());
        assertEquals("refusing " + link + ": it is a symbolic link" + PLANTED, e.getMessage());
        assertFalse(desktop.canReadAndWrite(target.toString()));
    }

    @Test
    void revokingThroughASymbolicLinkIsRefusedToo() throws Exception {
        Path target = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        FileSnapshot.setfacl(target, "u:" + desktop.name() + ":rw");
        Path link = scratch.symbolicLink(scratch.name(), target, desktop.uid());

        var e = refused(List.of(link, target), () -> guard.grantExactly(link, expectedFile(), List.of()));

        assertEquals(Problem.SYMBOLIC_LINK, e.problem());
        assertTrue(desktop.canReadAndWrite(target.toString()), "the target's own grant is still there");
    }

    @Test
    void aSecondHardLinkToAFileIsRefused() throws Exception {
        Path original = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        Path link = scratch.hardLink(scratch.name(), original);

        var e = refused(List.of(link, original), () -> guard.grantExactly(link, expectedFile(), desktopUser()));

        assertEquals(Problem.HARD_LINKED, e.problem());
        assertEquals("refusing " + link + ": it has 2 hard links, expected 1 (another user's file may be hiding"
                + " under this name); remove it and restart the VM", e.getMessage());
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutBlockingTheDaemon() throws Exception {
        Path fifo = scratch.fifo(scratch.name(), qemu.uid());

        var e = refused(List.of(fifo), () -> guard.grantExactly(fifo, expectedFile(), desktopUser()));

        assertEquals(Problem.WRONG_TYPE, e.problem());
        assertEquals("refusing " + fifo + ": it is a FIFO (named pipe), expected a regular file" + PLANTED,
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path directory = scratch.directory(scratch.name(), qemu.uid());

        var e = refused(List.of(directory), () -> guard.grantExactly(directory, expectedFile(), desktopUser()));

        assertEquals(Problem.WRONG_TYPE, e.problem());
        assertEquals("refusing " + directory + ": it is a directory, expected a regular file" + PLANTED,
                e.getMessage());
    }

    @Test
    void aSocketIsRefused() throws Exception {
        Path socket = scratch.name();
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setAttribute(socket, "unix:uid", qemu.uid(), LinkOption.NOFOLLOW_LINKS);

            var e = refused(List.of(socket), () -> guard.grantExactly(socket, expectedFile(), desktopUser()));

            assertEquals(Problem.WRONG_TYPE, e.problem());
            assertEquals("refusing " + socket + ": it is a socket, expected a regular file" + PLANTED,
                    e.getMessage());
        }
    }

    @Test
    void aFileOwnedByAnotherUserIsRefusedNamingBothOwners() throws Exception {
        Path planted = scratch.regularFile(scratch.name(), desktop.uid(), SIZE);

        var e = refused(List.of(planted), () -> guard.grantExactly(planted, expectedFile(), desktopUser()));

        assertEquals(Problem.WRONG_OWNER, e.problem());
        assertEquals("refusing " + planted + ": owned by uid " + desktop.uid() + " (" + desktop.name()
                + "), expected uid " + qemu.uid() + " (" + qemu.name() + ")" + PLANTED, e.getMessage());
    }

    @Test
    void aFileSmallerThanTheVmsSharedMemoryIsRefused() throws Exception {
        Path small = scratch.regularFile(scratch.name(), qemu.uid(), SIZE / 2);

        var e = refused(List.of(small), () -> guard.grantExactly(small, expectedFile(), desktopUser()));

        assertEquals(Problem.WRONG_SIZE, e.problem());
        assertEquals("refusing " + small + ": it holds 16777216 bytes, the VM's device has 33554432 (left over from"
                + " another configuration, or not made by QEMU); shut the VM down: lg-daemon then makes a new one",
                e.getMessage());
    }

    @Test
    void aFileLargerThanTheVmsSharedMemoryIsRefusedToo() throws Exception {
        Path large = scratch.regularFile(scratch.name(), qemu.uid(), SIZE * 2);

        var e = refused(List.of(large), () -> guard.grantExactly(large, expectedFile(), desktopUser()));

        assertEquals(Problem.WRONG_SIZE, e.problem());
    }

    @Test
    void anUnknownUserNameStopsTheGrantForEveryone() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        String nobody = UniqueNames.next() + "-nobody";

        var e = refused(List.of(shm), () -> guard.grantExactly(shm, expectedFile(),
                List.of(desktop.name(), nobody)));

        assertEquals(Problem.UNKNOWN_USER, e.problem());
        assertEquals("cannot grant access to " + shm + ": no user named '" + nobody + "' (looked up through NSS);"
                + " nothing was changed; correct the VM's user list", e.getMessage());
        assertFalse(desktop.canReadAndWrite(shm.toString()), "not even the known user was granted");
    }

    @Test
    void aRegularFileWhereTheKvmfrDeviceShouldBeIsRefused() throws Exception {
        Path devices = scratch.track(Files.createTempDirectory("lgmt-"));
        Path kvmfr = scratch.regularFile(devices.resolve("kvmfr0"), qemu.uid(), SIZE);

        var e = refused(List.of(kvmfr), () -> guard.grantExactly(kvmfr, Expectation.kvmfrDevice(qemu.uid()),
                desktopUser()));

        assertEquals(Problem.WRONG_TYPE, e.problem());
        assertEquals("refusing " + kvmfr + ": it is a regular file, expected a character device (QEMU creates a"
                + " plain file when the VM starts before the kvmfr module is loaded); load kvmfr (modprobe kvmfr),"
                + " remove the file and restart the VM", e.getMessage());
    }

    @Test
    void aFolderThatIsASymbolicLinkIsRefused() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        Path elsewhere = scratch.track(Files.createTempDirectory("lgmt-"));
        Path folderLink = scratch.symbolicLink(elsewhere.resolve("shm"), ScratchFiles.DEV_SHM, 0);
        Path viaLink = folderLink.resolve(shm.getFileName());

        var e = refused(List.of(shm), () -> guard.grantExactly(viaLink, expectedFile(), desktopUser()));

        assertEquals(Problem.UNSAFE_FOLDER, e.problem());
        assertEquals("refusing " + viaLink + ": its folder " + folderLink + " is a symbolic link or not a folder;"
                + " configure the real path", e.getMessage());
    }

    @Test
    void aMissingFileIsReportedWithTheLikelyCause() throws Exception {
        Path missing = scratch.name();

        var e = assertThrows(SharedMemoryAccessException.class,
                () -> guard.grantExactly(missing, expectedFile(), desktopUser()));

        assertEquals(Problem.MISSING, e.problem());
        assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS), "the guard never creates the file");
        System.out.println("refused as expected: " + e.getMessage());
    }

    private static Expectation expectedFile() {
        return Expectation.sharedMemoryFile(qemu.uid(), SIZE);
    }

    private static List<String> desktopUser() {
        return List.of(desktop.name());
    }

    /** Runs the guard, expects a refusal, and checks that none of {@code involved} changed in any way. */
    private static SharedMemoryAccessException refused(List<Path> involved, Executable attempt) {
        List<FileSnapshot> before = involved.stream().map(FileSnapshot::of).toList();
        var e = assertThrows(SharedMemoryAccessException.class, attempt);
        System.out.println("refused as expected: " + e.getMessage());
        assertEquals(before, involved.stream().map(FileSnapshot::of).toList(),
                "refusing must leave " + involved + " untouched");
        return e;
    }
}
