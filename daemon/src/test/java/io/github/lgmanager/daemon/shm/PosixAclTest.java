package io.github.lgmanager.daemon.shm;

import static io.github.lgmanager.daemon.shm.AclEntry.READ;
import static io.github.lgmanager.daemon.shm.AclEntry.READ_WRITE;
import static io.github.lgmanager.daemon.shm.AclEntry.WRITE;
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
    void grantingAddsReadWriteForTheUserAndAMaskCoveringIt() {
        PosixAcl granted = QEMU_FILE.withReadWriteFor(List.of(ALICE));

        assertEquals("user::rw-,user:1001:rw-,group::r--,mask::rw-,other::r--", granted.toString());
        assertTrue(granted.grantsReadWriteToNamedUser(ALICE));
        assertFalse(granted.grantsReadWriteToNamedUser(BOB));
    }

    @Test
    void grantingTwiceIsTheSameAsGrantingOnce() {
        PosixAcl once = QEMU_FILE.withReadWriteFor(List.of(ALICE, BOB));
        PosixAcl twice = once.withReadWriteFor(List.of(BOB, ALICE));

        assertEquals(once, twice);
        assertEquals(List.of(ALICE, BOB), twice.namedUsers());
    }

    @Test
    void aUserListedTwiceGetsOneEntry() {
        assertEquals(List.of(ALICE), QEMU_FILE.withReadWriteFor(List.of(ALICE, ALICE)).namedUsers());
    }

    @Test
    void grantingKeepsOtherPeoplesEntriesAndAnExecuteBitTheUserHad() {
        PosixAcl existing = PosixAcl.of(List.of(
                AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ | AclEntry.EXECUTE),
                AclEntry.user(BOB, READ), AclEntry.groupObj(READ), AclEntry.group(KVM_GROUP, READ_WRITE),
                AclEntry.mask(READ_WRITE), AclEntry.other(0)));

        PosixAcl granted = existing.withReadWriteFor(List.of(ALICE));

        assertEquals("user::rw-,user:1001:rwx,user:1002:r--,group::r--,group:993:rw-,mask::rwx,other::---",
                granted.toString());
    }

    @Test
    void theMaskIsTheUnionOfNamedEntriesAndTheOwningGroup() {
        PosixAcl narrowMask = PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE), AclEntry.groupObj(READ_WRITE),
                AclEntry.group(KVM_GROUP, READ), AclEntry.mask(0), AclEntry.other(0)));

        PosixAcl granted = narrowMask.withReadWriteFor(List.of(ALICE));

        assertEquals(READ_WRITE, granted.entry(AclEntry.Tag.MASK, AclEntry.NO_QUALIFIER).orElseThrow()
                .permissions());
        assertTrue(granted.grantsReadWriteToNamedUser(ALICE), "a narrow old mask does not hide the new grant");
    }

    @Test
    void aNamedUserBehindANarrowMaskIsNotConsideredGranted() {
        PosixAcl masked = PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ_WRITE),
                AclEntry.groupObj(READ), AclEntry.mask(READ), AclEntry.other(0)));

        assertFalse(masked.grantsReadWriteToNamedUser(ALICE));
    }

    @Test
    void revokingTheLastGrantRestoresTheModeOnlyAcl() {
        PosixAcl granted = QEMU_FILE.withReadWriteFor(List.of(ALICE));

        assertEquals(QEMU_FILE, granted.withoutUsers(List.of(ALICE)));
    }

    @Test
    void revokingOneUserKeepsTheOthersAndRecomputesTheMask() {
        PosixAcl existing = PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE), AclEntry.user(ALICE, READ_WRITE),
                AclEntry.user(BOB, READ), AclEntry.groupObj(READ), AclEntry.mask(READ_WRITE), AclEntry.other(0)));

        PosixAcl revoked = existing.withoutUsers(List.of(ALICE));

        assertEquals("user::rw-,user:1002:r--,group::r--,mask::r--,other::---", revoked.toString());
    }

    @Test
    void revokingSomeoneWithoutAnEntryChangesNothing() {
        PosixAcl granted = QEMU_FILE.withReadWriteFor(List.of(ALICE));

        assertEquals(granted, granted.withoutUsers(List.of(BOB)));
        assertEquals(QEMU_FILE, QEMU_FILE.withoutUsers(List.of(BOB)));
    }

    @Test
    void revokingNeverWidensWhatTheOwningGroupHad() {
        PosixAcl groupLimitedByMask = PosixAcl.of(List.of(AclEntry.userObj(READ_WRITE),
                AclEntry.user(ALICE, READ_WRITE), AclEntry.groupObj(READ_WRITE), AclEntry.mask(READ),
                AclEntry.other(0)));

        PosixAcl revoked = groupLimitedByMask.withoutUsers(List.of(ALICE));

        assertEquals("user::rw-,group::r--,other::---", revoked.toString());
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
