// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.FileStatus;
import io.github.lgmanager.linux.FileStatus.FileType;
import io.github.lgmanager.daemon.shm.SharedMemoryAccessException.Problem;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * What the file QEMU made must look like before root changes its ACL: its kind, the uid QEMU runs as (the
 * caller knows it from the QEMU process), and for a /dev/shm file the configured size. Anything else at that
 * name may have been planted by another local user.
 *
 * @param kind a /dev/shm regular file or a kvmfr character device
 * @param ownerUid the uid the file must belong to
 * @param size bytes the file must hold exactly (what the VM's device is configured with); 0 for devices, whose
 *             size says nothing
 */
public record Expectation(Kind kind, int ownerUid, long size) {
    private static final String PLANTED = " (possible planting by another user); remove it and restart the VM";

    /** The two places Looking Glass's shared memory lives. */
    public enum Kind {
        /** {@code /dev/shm/NAME}, created by QEMU for a libvirt {@code <shmem>} device. */
        SHARED_MEMORY_FILE(FileType.REGULAR_FILE),
        /** {@code /dev/kvmfrN}, created by the kvmfr kernel module. */
        KVMFR_DEVICE(FileType.CHARACTER_DEVICE);

        private final FileType type;

        Kind(FileType type) {
            this.type = type;
        }

        public FileType type() {
            return type;
        }
    }

    public Expectation {
        if (kind == null) {
            throw new IllegalArgumentException("an expectation needs a kind");
        }
        if (size < 0 || (kind == Kind.KVMFR_DEVICE && size != 0)) {
            throw new IllegalArgumentException("size " + size + " makes no sense for " + kind);
        }
    }

    public static Expectation sharedMemoryFile(int ownerUid, long bytes) {
        return new Expectation(Kind.SHARED_MEMORY_FILE, ownerUid, bytes);
    }

    public static Expectation kvmfrDevice(int ownerUid) {
        return new Expectation(Kind.KVMFR_DEVICE, ownerUid, 0);
    }

    /**
     * Returns when {@code status} is what QEMU would have made; throws the refusal otherwise. Checked in order:
     * type, owner, links, size, so the message names the most telling problem.
     *
     * @param userName a uid's user name for the message, e.g. "libvirt-qemu"
     */
    public void check(Path file, FileStatus status, IntFunction<String> userName) throws SharedMemoryAccessException {
        if (status.type() != kind.type()) {
            throw new SharedMemoryAccessException(Problem.WRONG_TYPE, file, "refusing " + file + ": it is "
                    + status.type().description() + ", expected " + kind.type().description()
                    + wrongTypeWayOut(status));
        }
        if (status.owner() != ownerUid) {
            throw new SharedMemoryAccessException(Problem.WRONG_OWNER, file, "refusing " + file + ": owned by "
                    + describe(status.owner(), userName) + ", expected " + describe(ownerUid, userName)
                    + (kind == Kind.KVMFR_DEVICE
                        ? "; make the kvmfr udev rule give the device to that user (OWNER=...), then reload kvmfr"
                        : PLANTED));
        }
        if (kind == Kind.SHARED_MEMORY_FILE && status.links() != 1) {
            throw new SharedMemoryAccessException(Problem.HARD_LINKED, file, "refusing " + file + ": it has "
                    + status.links() + " hard links, expected 1 (another user's file may be hiding under this name);"
                    + " remove it and restart the VM");
        }
        if (kind == Kind.SHARED_MEMORY_FILE && status.size() != size) {
            throw new SharedMemoryAccessException(Problem.WRONG_SIZE, file, "refusing " + file + ": it holds "
                    + status.size() + " bytes, the VM's device has " + size + " (left over from another"
                    + " configuration, or not made by QEMU); shut the VM down: lg-daemon then makes a new one");
        }
    }

    private String wrongTypeWayOut(FileStatus status) {
        if (kind == Kind.KVMFR_DEVICE && status.type() == FileType.REGULAR_FILE) {
            return " (QEMU creates a plain file when the VM starts before the kvmfr module is loaded);"
                    + " load kvmfr (modprobe kvmfr), remove the file and restart the VM";
        }
        return PLANTED;
    }

    /** "uid 64055 (libvirt-qemu)". */
    static String describe(int uid, IntFunction<String> userName) {
        return "uid " + Integer.toUnsignedString(uid) + " (" + userName.apply(uid) + ")";
    }
}
