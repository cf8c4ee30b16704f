// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of the {@code system.posix_acl_access} extended attribute: little-endian u32 version 2, then one
 * 8-byte record per entry {u16 tag, u16 permissions, u32 id}. Writing this attribute on an open file is how
 * the daemon sets an ACL without ever resolving a path again (libacl's calls take paths).
 */
public final class PosixAclXattr {
    public static final String NAME = "system.posix_acl_access";
    static final int VERSION = 2;
    static final int HEADER_BYTES = 4;
    static final int ENTRY_BYTES = 8;

    private PosixAclXattr() {
    }

    public static byte[] encode(PosixAcl acl) {
        List<AclEntry> entries = acl.entries();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * entries.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION);
        for (AclEntry entry : entries) {
            out.putShort((short) entry.tag().code());
            out.putShort((short) entry.permissions());
            out.putInt(entry.qualifier());
        }
        return out.array();
    }

    /** Decodes strictly: what the kernel would reject, or did not write, is malformed, never repaired. */
    public static PosixAcl decode(byte[] value) throws MalformedAclException {
        if (value.length < HEADER_BYTES) {
            throw new MalformedAclException("truncated: " + value.length
                    + " bytes, shorter than the 4-byte version header");
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        if (version != VERSION) {
            throw new MalformedAclException("version " + Integer.toUnsignedString(version) + ", expected "
                    + VERSION);
        }
        int body = value.length - HEADER_BYTES;
        if (body % ENTRY_BYTES != 0) {
            throw new MalformedAclException("truncated: " + body + " bytes after the header are not a whole"
                    + " number of " + ENTRY_BYTES + "-byte entries");
        }
        List<AclEntry> entries = new ArrayList<>();
        for (int index = 0; in.hasRemaining(); index++) {
            entries.add(readEntry(in, index));
        }
        var problem = PosixAcl.problemWith(entries);
        if (problem.isPresent()) {
            throw new MalformedAclException(problem.get());
        }
        return PosixAcl.of(entries);
    }

    private static AclEntry readEntry(ByteBuffer in, int index) throws MalformedAclException {
        int tagCode = Short.toUnsignedInt(in.getShort());
        int permissions = Short.toUnsignedInt(in.getShort());
        int id = in.getInt();
        AclEntry.Tag tag = AclEntry.Tag.ofCode(tagCode).orElseThrow(() -> new MalformedAclException(
                "entry " + index + " has unknown tag 0x" + Integer.toHexString(tagCode)));
        try {
            return new AclEntry(tag, id, permissions);
        } catch (IllegalArgumentException e) {
            throw new MalformedAclException("entry " + index + ": " + e.getMessage());
        }
    }
}
