// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

/**
 * What {@code statx} says about an opened file, as plain Java values.
 *
 * @param type what kind of file it is
 * @param mode the permission bits (07777), without the type
 * @param owner the owning uid
 * @param group the owning gid
 * @param links the number of hard links
 * @param size the size in bytes
 */
public record FileStatus(FileType type, int mode, int owner, int group, long links, long size) {

    /** Builds a status from a raw {@code st_mode} (type and permission bits together). */
    public static FileStatus fromRawMode(int rawMode, int owner, int group, long links, long size) {
        return new FileStatus(FileType.ofMode(rawMode), rawMode & 07777, owner, group, links, size);
    }

    /** The kinds of file the mode's S_IFMT bits distinguish, with how an error message calls them. */
    public enum FileType {
        REGULAR_FILE(0100000, "a regular file"),
        DIRECTORY(0040000, "a directory"),
        CHARACTER_DEVICE(0020000, "a character device"),
        BLOCK_DEVICE(0060000, "a block device"),
        FIFO(0010000, "a FIFO (named pipe)"),
        SOCKET(0140000, "a socket"),
        SYMBOLIC_LINK(0120000, "a symbolic link"),
        UNKNOWN(-1, "a file of unknown type");

        private static final int S_IFMT = 0170000;
        private final int bits;
        private final String description;

        FileType(int bits, String description) {
            this.bits = bits;
            this.description = description;
        }

        public static FileType ofMode(int rawMode) {
            for (FileType type : values()) {
                if (type.bits == (rawMode & S_IFMT)) {
                    return type;
                }
            }
            return UNKNOWN;
        }

        /** "a regular file", "a FIFO (named pipe)": fits after "it is". */
        public String description() {
            return description;
        }
    }
}
