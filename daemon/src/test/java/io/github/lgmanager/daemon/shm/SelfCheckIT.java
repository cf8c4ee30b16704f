// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.PosixAcl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon's start-up check: what every grant needs, exercised on the real /dev/shm without changing it. */
class SelfCheckIT {
    private final ScratchFiles scratch = new ScratchFiles();

    @AfterEach
    void removeFiles() throws Exception {
        scratch.close();
    }

    @Test
    void passesOnThisMachineAndChangesNothing() throws Exception {
        Object modeBefore = Files.getAttribute(ScratchFiles.DEV_SHM, "posix:permissions", LinkOption.NOFOLLOW_LINKS);

        assertEquals(Optional.empty(), GuardedDisplayAccess.onThisMachine().selfCheck());

        assertEquals(modeBefore, Files.getAttribute(ScratchFiles.DEV_SHM, "posix:permissions", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readsTheFolderAclTheKernelEnforces() throws Exception {
        PosixAcl acl = SharedMemoryGuard.onThisMachine().inspectFolder(ScratchFiles.DEV_SHM);
        // /dev/shm is drwxrwxrwt: with no ACL xattr, the mode bits are its ACL.
        assertEquals(PosixAcl.fromMode(01777), acl);
    }

    @Test
    void refusesAFolderThatIsASymbolicLinkOrMissing() {
        Path folder = scratch.folder(ScratchFiles.DEV_SHM);
        Path link = scratch.symbolicLink(scratch.name(), folder, 0);
        SharedMemoryGuard guard = SharedMemoryGuard.onThisMachine();

        SharedMemoryAccessException viaLink = assertThrows(SharedMemoryAccessException.class, () -> guard.inspectFolder(link));
        assertTrue(viaLink.getMessage().contains(link.toString()), viaLink.getMessage());

        Path missing = scratch.name();
        SharedMemoryAccessException gone = assertThrows(SharedMemoryAccessException.class, () -> guard.inspectFolder(missing));
        assertTrue(gone.getMessage().contains(missing.toString()), gone.getMessage());
    }
}
