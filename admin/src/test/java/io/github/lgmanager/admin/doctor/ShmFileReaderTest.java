// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.linux.PosixAcl;
import io.github.lgmanager.linux.PosixAclXattr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's whole ACL, named, through the descriptor lg-daemon would use, or through getfacl when that fails. */
class ShmFileReaderTest {
    private static final Accounts ACCOUNTS = Accounts.parse("", "nogroup:x:65534:\n", "");

    @Test
    void theAclIsReadThroughTheFileAndItsIdsAreNamed(@TempDir Path dir) throws Exception {
        Path shm = Files.createFile(dir.resolve("looking-glass-win11"));
        LinuxFiles files = LinuxFiles.load();
        PosixAcl acl = PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(0, 6), AclEntry.groupObj(0),
                AclEntry.group(65534, 4), AclEntry.mask(6), AclEntry.other(0)));
        try (LinuxFiles.Handle folder = files.openDirectoryNoFollow(dir);
                LinuxFiles.Handle file = files.openNoFollow(folder, shm.getFileName().toString())) {
            files.writeXattr(file, PosixAclXattr.NAME, PosixAclXattr.encode(acl));
        }
        ShmFile f = new ShmFileReader("alice", dir.resolve("no-getfacl"), ACCOUNTS).read(shm).orElseThrow();
        assertEquals("", f.aclProblem());
        assertEquals(Optional.of(Fixtures.acl("user::rw-", "user:root:rw-", "group::---", "group:nogroup:r--", "mask::rw-",
                "other::---")), f.acl());
        assertEquals(List.of("root"), f.aclUsers());
        assertEquals(0660, f.mode());
    }

    @Test
    void aFileWithoutAnAclHasItsModesThreeEntries(@TempDir Path dir) throws Exception {
        Path shm = Files.createFile(dir.resolve("f"));
        Files.setPosixFilePermissions(shm, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ShmFile f = new ShmFileReader("alice", dir.resolve("no-getfacl"), ACCOUNTS).read(shm).orElseThrow();
        assertEquals(Optional.of(Fixtures.acl("user::rw-", "group::r--", "other::r--")), f.acl());
    }

    @Test
    void withoutLibcTheAclComesFromGetfacl(@TempDir Path dir) throws Exception {
        Path shm = Files.createFile(dir.resolve("f"));
        Path getfacl = dir.resolve("getfacl");
        Files.writeString(getfacl, "#!/bin/sh\nprintf 'user::rw-\\nuser:0:rw-\\ngroup::---\\ngroup:65534:r--\\n"
                + "mask::rw-\\nother::---\\n'\n");
        assertTrue(getfacl.toFile().setExecutable(true));
        ShmFile f = new ShmFileReader("alice", getfacl, Accounts.parse("root:x:0:0::/:/bin/sh\n", "nogroup:x:65534:\n", ""),
                Optional::empty).read(shm).orElseThrow();
        assertEquals(Optional.of(Fixtures.acl("user::rw-", "user:root:rw-", "group::---", "group:nogroup:r--", "mask::rw-",
                "other::---")), f.acl());
    }

    @Test
    void whenNeitherWayWorksTheReasonIsKept(@TempDir Path dir) throws Exception {
        Path shm = Files.createFile(dir.resolve("f"));
        ShmFile f = new ShmFileReader("alice", dir.resolve("getfacl"), ACCOUNTS, Optional::empty).read(shm).orElseThrow();
        assertTrue(f.acl().isEmpty());
        assertTrue(f.aclProblem().contains("not installed"), f.aclProblem());
    }

    @Test
    void aSymbolicLinkIsDescribedNotFollowed(@TempDir Path dir) throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("looking-glass"), target);
        ShmFile f = new ShmFileReader("alice", dir.resolve("getfacl"), ACCOUNTS).read(link).orElseThrow();
        assertEquals("symbolic link", f.type());
        assertTrue(f.acl().isEmpty());
    }
}
