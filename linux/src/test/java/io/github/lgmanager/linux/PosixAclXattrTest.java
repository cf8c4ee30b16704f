// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PosixAclXattrTest {
    /**
     * What the kernel returns for {@code setfacl -m u:1001:rw} on a 0644 file: user::rw-, user:1001:rw-,
     * group::r--, mask::rw-, other::r--. Written out by hand from the documented layout.
     */
    private static final byte[] GRANTED = HexFormat.of().parseHex(""
            + "02000000"
            + "0100" + "0600" + "ffffffff"
            + "0200" + "0600" + "e9030000"
            + "0400" + "0400" + "ffffffff"
            + "1000" + "0600" + "ffffffff"
            + "2000" + "0400" + "ffffffff");

    @Test
    void decodesTheKernelsLittleEndianLayout() throws Exception {
        PosixAcl acl = PosixAclXattr.decode(GRANTED);

        assertEquals("user::rw-,user:1001:rw-,group::r--,mask::rw-,other::r--", acl.toString());
    }

    @Test
    void encodesByteForByteWhatItDecodes() throws Exception {
        PosixAcl granted = PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(1001, 6), AclEntry.groupObj(4), AclEntry.mask(6), AclEntry.other(4)));

        assertArrayEquals(GRANTED, PosixAclXattr.encode(granted));
        assertEquals(granted, PosixAclXattr.decode(PosixAclXattr.encode(granted)));
    }

    @Test
    void idsAboveTwoToThe31SurviveTheRoundTrip() throws Exception {
        PosixAcl acl = PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(0xFFFF_FFFE, 6), AclEntry.groupObj(0), AclEntry.mask(6), AclEntry.other(0)));

        assertEquals("user::rw-,user:4294967294:rw-,group::---,mask::rw-,other::---",
                PosixAclXattr.decode(PosixAclXattr.encode(acl)).toString());
    }

    @Test
    void anEmptyValueIsTruncated() {
        assertMalformed("malformed POSIX ACL xattr: truncated: 2 bytes, shorter than the 4-byte version header",
                new byte[] {2, 0});
    }

    @Test
    void anotherVersionIsRejected() {
        byte[] bytes = GRANTED.clone();
        bytes[0] = 1;
        assertMalformed("malformed POSIX ACL xattr: version 1, expected 2", bytes);
    }

    @Test
    void aPartialEntryIsTruncated() {
        assertMalformed("malformed POSIX ACL xattr: truncated: 37 bytes after the header are not a whole number"
                + " of 8-byte entries", Arrays.copyOf(GRANTED, GRANTED.length - 3));
    }

    @Test
    void unsortedEntriesAreRejectedNotRepaired() {
        byte[] bytes = GRANTED.clone();
        swapEntries(bytes, 2, 3);
        assertMalformed("malformed POSIX ACL xattr: entries not sorted by tag then id: mask::rw- comes before"
                + " group::r--", bytes);
    }

    @Test
    void aDuplicateEntryIsRejected() {
        byte[] bytes = GRANTED.clone();
        System.arraycopy(bytes, 4 + 8, bytes, 4 + 16, 8);
        // entries now: user::, user:1001, user:1001, mask, other
        assertMalformed("malformed POSIX ACL xattr: duplicate entry USER id 1001", bytes);
    }

    @Test
    void anUnknownTagIsRejected() {
        byte[] bytes = GRANTED.clone();
        bytes[4 + 8 * 4] = 0x40;
        assertMalformed("malformed POSIX ACL xattr: entry 4 has unknown tag 0x40", bytes);
    }

    @Test
    void permissionBitsBeyondRwxAreRejected() {
        byte[] bytes = GRANTED.clone();
        bytes[4 + 8 + 2] = 0x0e;
        assertMalformed("malformed POSIX ACL xattr: entry 1: permission bits 0xe of a USER entry go beyond rwx"
                + " (0x7)", bytes);
    }

    @Test
    void anOwnerEntryCarryingAnIdIsRejected() {
        byte[] bytes = GRANTED.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 4, 0);
        assertMalformed("malformed POSIX ACL xattr: entry 0: a USER_OBJ entry names nobody, but has id 0", bytes);
    }

    @Test
    void aNamedEntryWithoutMaskIsRejected() {
        byte[] bytes = Arrays.copyOf(GRANTED, GRANTED.length - 8);
        System.arraycopy(GRANTED, 4 + 8 * 4, bytes, 4 + 8 * 3, 8);
        assertMalformed("malformed POSIX ACL xattr: named user or group entries without a MASK entry", bytes);
    }

    @Test
    void onlyTheHeaderIsAnAclWithoutEntries() {
        assertMalformed("malformed POSIX ACL xattr: no USER_OBJ entry (every access ACL has one)",
                Arrays.copyOf(GRANTED, 4));
    }

    private static void assertMalformed(String expectedMessage, byte[] bytes) {
        var e = assertThrows(MalformedAclException.class, () -> PosixAclXattr.decode(bytes));
        assertEquals(expectedMessage, e.getMessage());
    }

    private static void swapEntries(byte[] bytes, int first, int second) {
        byte[] temp = Arrays.copyOfRange(bytes, 4 + 8 * first, 4 + 8 * first + 8);
        System.arraycopy(bytes, 4 + 8 * second, bytes, 4 + 8 * first, 8);
        System.arraycopy(temp, 0, bytes, 4 + 8 * second, 8);
    }
}
