// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.PosixAclXattr;
import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.PosixAcl;
import io.github.lgmanager.linux.SystemCallException;
import io.github.lgmanager.linux.FileStatus;
import io.github.lgmanager.linux.LinuxFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.linux.FileStatus.FileType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The libc adapter against the real kernel and NSS, on files in /dev/shm owned by whoever runs the build. */
class LinuxFilesIT {
    private final LinuxFiles files = LinuxFiles.load();
    private final ScratchFiles scratch = new ScratchFiles();
    private final int me = currentUid();

    @AfterEach
    void removeFiles() throws Exception {
        scratch.close();
    }

    @Test
    void statusOfAnOpenedFileIsWhatTheKernelKnows() throws Exception {
        Path file = scratch.regularFile(scratch.name(), me, 12345);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        FileStatus status;
        try (var folder = files.openDirectoryNoFollow(file.getParent());
             var handle = files.openNoFollow(folder, file.getFileName().toString())) {
            status = files.status(handle);
        }

        int group = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        assertEquals(new FileStatus(FileType.REGULAR_FILE, 0640, me, group, 1, 12345), status);
    }

    @Test
    void openingASymbolicLinkFailsWithEloopAndTheSystemsText() {
        Path target = scratch.regularFile(scratch.name(), me, 1);
        Path link = scratch.symbolicLink(scratch.name(), target, me);

        var e = assertThrows(SystemCallException.class, () -> {
            try (var folder = files.openDirectoryNoFollow(link.getParent())) {
                files.openNoFollow(folder, link.getFileName().toString()).close();
            }
        });

        assertEquals(SystemCallException.ELOOP, e.errno());
        assertEquals("openat(" + link + ") failed: Too many levels of symbolic links (errno 40)", e.getMessage());
    }

    @Test
    void aFolderThatIsASymbolicLinkIsNotOpened() {
        Path link = scratch.symbolicLink(scratch.name(), ScratchFiles.DEV_SHM, me);

        var e = assertThrows(SystemCallException.class, () -> files.openDirectoryNoFollow(link).close());

        // with O_DIRECTORY|O_NOFOLLOW the kernel judges the link itself: not a directory
        assertEquals(SystemCallException.ENOTDIR, e.errno());
    }

    @Test
    void aMissingNameFailsWithEnoent() {
        Path missing = scratch.name();

        var e = assertThrows(SystemCallException.class, () -> {
            try (var folder = files.openDirectoryNoFollow(missing.getParent())) {
                files.openNoFollow(folder, missing.getFileName().toString()).close();
            }
        });

        assertEquals(SystemCallException.ENOENT, e.errno());
        assertTrue(e.getMessage().endsWith("No such file or directory (errno 2)"), e.getMessage());
    }

    @Test
    void aNameCanBeDescribedWithoutFollowingIt() throws Exception {
        Path link = scratch.symbolicLink(scratch.name(), Path.of("/etc/passwd"), me);

        try (var folder = files.openDirectoryNoFollow(link.getParent())) {
            assertEquals(FileType.SYMBOLIC_LINK,
                    files.statusNoFollow(folder, link.getFileName().toString()).type());
        }
    }

    @Test
    void anAclWrittenAsXattrOnTheDescriptorReadsBackAndSetsTheGroupBitsToTheMask() throws Exception {
        Path file = scratch.regularFile(scratch.name(), me, 1);
        PosixAcl granted = PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(4_000_000, 6), AclEntry.groupObj(4), AclEntry.mask(6), AclEntry.other(4)));

        try (var folder = files.openDirectoryNoFollow(file.getParent());
             var handle = files.openNoFollow(folder, file.getFileName().toString())) {
            assertEquals(Optional.empty(), files.readXattr(handle, PosixAclXattr.NAME), "no ACL yet");

            files.writeXattr(handle, PosixAclXattr.NAME, PosixAclXattr.encode(granted));

            assertArrayEquals(PosixAclXattr.encode(granted),
                    files.readXattr(handle, PosixAclXattr.NAME).orElseThrow());
            assertEquals(0664, files.status(handle).mode(), "the mask shows as the group bits of the mode");
        }
    }

    @Test
    void usersAreFoundThroughNss() throws Exception {
        assertEquals(OptionalInt.of(0), files.uidOf("root"));
        assertEquals(Optional.of("root"), files.userNameOf(0));
        assertEquals(OptionalInt.empty(), files.uidOf("lgmt-nobody-has-this-name"));
        assertEquals(OptionalInt.empty(), files.uidOf("root\0evil"), "a NUL cannot shorten a name to 'root'");
        assertEquals(Optional.empty(), files.userNameOf((int) 3_999_999_999L));
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read the uid of this process from /proc/self", e);
        }
    }
}
