// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.LinuxFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.TestUser;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stopped VM's file, made by root in the real, world-writable /dev/shm: what QEMU will open must be a file
 * only QEMU's user and the listed users can open, whatever another local user planted at the name before.
 */
class SharedMemoryFileKeeperE2E {
    private static final long SIZE = 32L << 20;
    private static TestUser qemu;
    private static TestUser listed;
    private static TestUser stranger;
    private final SharedMemoryFileKeeper keeper = new SharedMemoryFileKeeper(LinuxFiles.load());
    private final ScratchFiles scratch = new ScratchFiles();

    @BeforeAll
    static void createUsers() {
        qemu = TestUser.create();
        listed = TestUser.create();
        stranger = TestUser.create();
    }

    @AfterAll
    static void removeUsers() {
        for (TestUser user : new TestUser[] {qemu, listed, stranger}) {
            if (user != null) {
                user.close();
            }
        }
    }

    @AfterEach
    void removeFiles() throws Exception {
        scratch.close();
    }

    @Test
    void aNewFileBelongsToQemuHasMode0600AndExactlyTheListedUsers() throws Exception {
        Path shm = scratch.name();

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertEquals("created", done.action());
        assertEquals(qemu.uid(), attribute(shm, "uid"));
        assertEquals(qemu.uid(), attribute(shm, "gid"));
        assertEquals(SIZE, Files.size(shm));
        assertEquals("user::rw-\nuser:" + listed.name() + ":rw-\ngroup::---\nmask::rw-\nother::---\n\n",
                FileSnapshot.getfacl(shm));
        assertTrue(listed.canReadAndWrite(shm.toString()));
        assertTrue(qemu.canReadAndWrite(shm.toString()), "QEMU can open it at start");
        assertFalse(stranger.canRead(shm.toString()), "nobody else can even read it");
    }

    @Test
    void aSymbolicLinkPlantedAtTheNameIsRemovedAndItsTargetNeverTouched() throws Exception {
        Path target = scratch.regularFile(scratch.name(), stranger.uid(), SIZE);
        FileSnapshot targetBefore = FileSnapshot.of(target);
        Path shm = scratch.symbolicLink(scratch.name(), target, stranger.uid());

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertEquals("replaced a symbolic link", done.action());
        assertFalse(Files.isSymbolicLink(shm));
        assertEquals(qemu.uid(), attribute(shm, "uid"));
        assertEquals(targetBefore, FileSnapshot.of(target), "the link's target got no ACL, owner or size");
        assertFalse(listed.canReadAndWrite(target.toString()));
    }

    @Test
    void aFilePlantedByAnotherUserIsReplacedSoTheirOpenDescriptorSeesNothingOfTheVm() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), stranger.uid(), SIZE);
        long plantedInode = inode(shm);

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertTrue(done.action().startsWith("replaced a regular file of 33554432 bytes owned by uid " + stranger.uid()),
                done.action());
        assertNotEquals(plantedInode, inode(shm), "a new file, not the planted one with new permissions");
        assertFalse(stranger.canRead(shm.toString()));
    }

    @Test
    void aSecondHardLinkIsReplacedAndTheOtherNameKeepsNoAccessForTheUsers() throws Exception {
        Path shm = scratch.regularFile(scratch.name(), qemu.uid(), SIZE);
        Path otherName = scratch.hardLink(scratch.name(), shm);

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertTrue(done.action().contains("with 2 hard links"), done.action());
        assertNotEquals(inode(otherName), inode(shm));
        assertEquals(1L, attribute(otherName, "nlink"));
        assertFalse(listed.canReadAndWrite(otherName.toString()), "the other name's file got no ACL");
    }

    @Test
    void aFileOfTheWrongSizeIsReplacedBySoThatQemuStarts() throws Exception {
        Path shm = scratch.name();
        keeper.ensure(shm, owner(), SIZE / 2, List.of(listed.name()));

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertTrue(done.action().startsWith("replaced a regular file of 16777216 bytes"), done.action());
        assertEquals(SIZE, Files.size(shm));
    }

    @Test
    void anExactFileIsKeptAndOnlyItsUserListFollowsTheSettings() throws Exception {
        Path shm = scratch.name();
        keeper.ensure(shm, owner(), SIZE, List.of(listed.name(), stranger.name()));
        long inode = inode(shm);

        assertEquals("kept", keeper.ensure(shm, owner(), SIZE, List.of(listed.name(), stranger.name())).action());
        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));

        assertEquals("kept, ACL rewritten", done.action());
        assertEquals(inode, inode(shm));
        assertFalse(stranger.canRead(shm.toString()), "taken off the list, so no access");
        assertTrue(listed.canReadAndWrite(shm.toString()));
    }

    @Test
    void recreatingAlwaysMakesANewFileSoADescriptorFromTheLastRunReadsNothingNew() throws Exception {
        Path shm = scratch.name();
        keeper.ensure(shm, owner(), SIZE, List.of(listed.name()));
        try (RandomAccessFile heldByRemovedUser = new RandomAccessFile(shm.toFile(), "r")) {
            long before = inode(shm);

            keeper.recreate(shm, owner(), SIZE, List.of(listed.name()));
            Files.write(shm, new byte[] {42}, java.nio.file.StandardOpenOption.WRITE);

            assertNotEquals(before, inode(shm));
            assertEquals(0, heldByRemovedUser.read(), "the old descriptor does not see the new file's bytes");
        }
    }

    @Test
    void unknownUsersAreLeftOutAndNamedButTheFileIsStillClosedToOthers() throws Exception {
        Path shm = scratch.name();

        var done = keeper.ensure(shm, owner(), SIZE, List.of(listed.name(), "lgmt-nobody-here"));

        assertEquals(List.of("lgmt-nobody-here"), done.unknownUsers());
        assertTrue(listed.canReadAndWrite(shm.toString()));
        assertFalse(stranger.canRead(shm.toString()));
    }

    @Test
    void removingASymbolicLinkRemovesTheLinkOnly() throws Exception {
        Path target = scratch.regularFile(scratch.name(), stranger.uid(), SIZE);
        Path shm = scratch.symbolicLink(scratch.name(), target, stranger.uid());

        assertTrue(keeper.remove(shm));

        assertFalse(Files.exists(shm, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target));
        assertFalse(keeper.remove(shm), "nothing left to remove");
    }

    private static QemuOwner owner() {
        return new QemuOwner(qemu.uid(), qemu.uid());
    }

    private static Object attribute(Path path, String name) throws Exception {
        Object value = Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
        return value instanceof Integer i && name.equals("nlink") ? Long.valueOf(i) : value;
    }

    private static long inode(Path path) throws Exception {
        return ((Number) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }
}
