// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import java.util.Comparator;
import java.util.Optional;

/**
 * One entry of a POSIX access ACL. The qualifier is a uid (USER) or gid (GROUP), compared unsigned as the
 * kernel does; the other tags carry {@link #NO_QUALIFIER}. Permissions are the low three bits: r 4, w 2, x 1.
 */
public record AclEntry(Tag tag, int qualifier, int permissions) {
    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int EXECUTE = 1;
    public static final int READ_WRITE = READ | WRITE;
    /** 0xFFFFFFFF, the id the kernel stores for entries that name nobody. */
    public static final int NO_QUALIFIER = -1;

    /** The order the kernel requires: by tag, then by qualifier (unsigned). */
    static final Comparator<AclEntry> ORDER = Comparator.comparingInt((AclEntry e) -> e.tag().code())
            .thenComparing(AclEntry::qualifier, Integer::compareUnsigned);

    /** Tags with the numeric codes of the xattr format, and the word getfacl prints for them. */
    public enum Tag {
        USER_OBJ(0x01, "user"),
        USER(0x02, "user"),
        GROUP_OBJ(0x04, "group"),
        GROUP(0x08, "group"),
        MASK(0x10, "mask"),
        OTHER(0x20, "other");

        private final int code;
        private final String word;

        Tag(int code, String word) {
            this.code = code;
            this.word = word;
        }

        public int code() {
            return code;
        }

        /** USER and GROUP name someone; the mask limits exactly these and GROUP_OBJ. */
        public boolean isNamed() {
            return this == USER || this == GROUP;
        }

        static Optional<Tag> ofCode(int code) {
            for (Tag tag : values()) {
                if (tag.code == code) {
                    return Optional.of(tag);
                }
            }
            return Optional.empty();
        }
    }

    public AclEntry {
        if (tag == null) {
            throw new IllegalArgumentException("an ACL entry needs a tag");
        }
        if ((permissions & ~(READ | WRITE | EXECUTE)) != 0) {
            throw new IllegalArgumentException("permission bits 0x" + Integer.toHexString(permissions)
                    + " of a " + tag + " entry go beyond rwx (0x7)");
        }
        if (tag.isNamed() && qualifier == NO_QUALIFIER) {
            throw new IllegalArgumentException("a " + tag + " entry must name a " + tag.word + " id");
        }
        if (!tag.isNamed() && qualifier != NO_QUALIFIER) {
            throw new IllegalArgumentException("a " + tag + " entry names nobody, but has id "
                    + Integer.toUnsignedString(qualifier));
        }
    }

    public static AclEntry userObj(int permissions) {
        return new AclEntry(Tag.USER_OBJ, NO_QUALIFIER, permissions);
    }

    public static AclEntry user(int uid, int permissions) {
        return new AclEntry(Tag.USER, uid, permissions);
    }

    public static AclEntry groupObj(int permissions) {
        return new AclEntry(Tag.GROUP_OBJ, NO_QUALIFIER, permissions);
    }

    public static AclEntry group(int gid, int permissions) {
        return new AclEntry(Tag.GROUP, gid, permissions);
    }

    public static AclEntry mask(int permissions) {
        return new AclEntry(Tag.MASK, NO_QUALIFIER, permissions);
    }

    public static AclEntry other(int permissions) {
        return new AclEntry(Tag.OTHER, NO_QUALIFIER, permissions);
    }

    AclEntry withPermissions(int newPermissions) {
        return new AclEntry(tag, qualifier, newPermissions);
    }

    /** getfacl's entry syntax with numeric ids: {@code user:1001:rw-}, {@code mask::rw-}. */
    @Override
    public String toString() {
        String id = tag.isNamed() ? Integer.toUnsignedString(qualifier) : "";
        return tag.word + ":" + id + ":" + permissionText(permissions);
    }

    static String permissionText(int permissions) {
        return ((permissions & READ) != 0 ? "r" : "-")
                + ((permissions & WRITE) != 0 ? "w" : "-")
                + ((permissions & EXECUTE) != 0 ? "x" : "-");
    }
}
