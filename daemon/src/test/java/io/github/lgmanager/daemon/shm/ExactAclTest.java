// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.PosixAcl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole ACL every grant writes: exactly the listed users, nobody else, whatever was there before. */
class ExactAclTest {
    private static final int ALICE = 1001;
    private static final int BOB = 1002;
    private static final int KVM = 993;

    @Test
    void aFileForTwoUsersGivesThemAndTheOwnerReadWriteAndNothingToAnyoneElse() {
        assertEquals("user::rw-,user:1001:rw-,user:1002:rw-,group::---,mask::rw-,other::---",
                PosixAcl.exactFileAcl(List.of(BOB, ALICE)).toString());
    }

    @Test
    void aFileForNobodyIsTheOwnersAlone() {
        PosixAcl acl = PosixAcl.exactFileAcl(List.of());
        assertEquals("user::rw-,group::---,other::---", acl.toString());
        assertTrue(acl.closedToGroupAndOthers());
    }

    @Test
    void theSameUserTwiceIsOneEntry() {
        assertEquals(PosixAcl.exactFileAcl(List.of(ALICE)), PosixAcl.exactFileAcl(List.of(ALICE, ALICE)));
    }

    @Test
    void qemusWorldReadableFileIsOpenToOthersUntilTheExactAclIsWritten() {
        assertFalse(PosixAcl.fromMode(0644).closedToGroupAndOthers());
        assertTrue(PosixAcl.exactFileAcl(List.of(ALICE)).closedToGroupAndOthers());
    }

    @Test
    void aFolderLetsTheListedUsersThroughWithoutListingIt() {
        assertEquals("user::rwx,user:1001:--x,group::---,mask::--x,other::---",
                PosixAcl.exact(07, List.of(ALICE), AclEntry.EXECUTE).toString());
    }

    @Test
    void aKvmfrDeviceKeepsUdevsOwnerAndGroupButOnlyTheListedNamedUsers() {
        PosixAcl udev = PosixAcl.of(List.of(AclEntry.userObj(AclEntry.READ_WRITE), AclEntry.user(BOB, AclEntry.READ_WRITE),
                AclEntry.groupObj(AclEntry.READ_WRITE), AclEntry.group(KVM, AclEntry.READ), AclEntry.mask(AclEntry.READ_WRITE),
                AclEntry.other(AclEntry.READ)));

        PosixAcl exact = udev.withExactlyTheseUsers(List.of(ALICE));

        assertEquals("user::rw-,user:1001:rw-,group::rw-,mask::rw-,other::---", exact.toString());
    }

    @Test
    void aKvmfrDeviceWhoseGroupWasMaskedDoesNotGainRights() {
        PosixAcl masked = PosixAcl.of(List.of(AclEntry.userObj(AclEntry.READ_WRITE), AclEntry.user(BOB, AclEntry.READ_WRITE),
                AclEntry.groupObj(AclEntry.READ_WRITE), AclEntry.mask(AclEntry.READ), AclEntry.other(0)));

        assertEquals("user::rw-,group::r--,other::---", masked.withExactlyTheseUsers(List.of()).toString());
    }
}
