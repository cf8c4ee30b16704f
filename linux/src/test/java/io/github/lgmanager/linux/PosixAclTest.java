// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import static io.github.lgmanager.linux.AclEntry.READ;
import static io.github.lgmanager.linux.AclEntry.READ_WRITE;
import static io.github.lgmanager.linux.AclEntry.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PosixAclTest {
    private static final int ALICE = 1001;
    private static final int BOB = 1002;
    private static final int KVM_GROUP = 993;
    /** What QEMU creates: mode 0644. */
    private static final PosixAcl QEMU_FILE = PosixAcl.fromMode(0644);

    @Test
    void aFileWithoutAclIsDescribedByItsModeBits() {
        assertEquals("user::rw-,group::r--,other::r--", QEMU_FILE.toString());
        assertEquals("user::rwx,group::r-x,other::---", PosixAcl.fromMode(0100750).toString());
    }

    @Test
    void aNamedUserBehindANarrowMaskIsNotConsideredGranted() {
        PosixAcl masked = PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ_WRITE),
                AclEntry.groupObj(READ), AclEntry.mask(READ), AclEntry.other(0)));

        assertFalse(masked.grantsReadWriteToNamedUser(ALICE));
    }

    @Test
    void entriesGivenInAnyOrderAreSortedByTagThenUnsignedId() {
        int highUid = 0xFFFF_FFF0;
        PosixAcl acl = PosixAcl.of(List.of(AclEntry.other(0), AclEntry.mask(READ_WRITE),
                AclEntry.user(highUid, READ), AclEntry.groupObj(READ), AclEntry.user(ALICE, WRITE),
                AclEntry.userObj(READ_WRITE)));

        assertEquals("user::rw-,user:1001:-w-,user:4294967280:r--,group::r--,mask::rw-,other::---",
                acl.toString());
    }

    @Test
    void anAclWithoutTheRequiredEntriesIsRejected() {
        var noOther = assertThrows(IllegalArgumentException.class,
                () -> PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE), AclEntry.groupObj(READ))));
        assertEquals("no OTHER entry (every access ACL has one)", noOther.getMessage());

        var noMask = assertThrows(IllegalArgumentException.class, () -> PosixAcl.of(List.of(
                AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ), AclEntry.groupObj(READ),
                AclEntry.other(0))));
        assertEquals("named user or group entries without a MASK entry", noMask.getMessage());

        var twice = assertThrows(IllegalArgumentException.class, () -> PosixAcl.of(List.of(
                AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ), AclEntry.user(ALICE, WRITE),
                AclEntry.groupObj(READ), AclEntry.mask(READ_WRITE), AclEntry.other(0))));
        assertTrue(twice.getMessage().startsWith("duplicate entry USER id 1001"), twice.getMessage());
    }

    @Test
    void entriesRejectPermissionsBeyondRwxAndIdsWhereTheyDoNotBelong() {
        assertThrows(IllegalArgumentException.class, () -> AclEntry.user(ALICE, 8));
        assertThrows(IllegalArgumentException.class, () -> AclEntry.user(AclEntry.NO_QUALIFIER, READ));
        assertThrows(IllegalArgumentException.class, () -> new AclEntry(AclEntry.Tag.OTHER, 0, READ));
    }
}
