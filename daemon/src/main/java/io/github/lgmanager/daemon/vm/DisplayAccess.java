// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who may open a VM's shared memory, over its whole life: prepared while the VM is stopped, verified and
 * granted while it runs, removed when it is no longer ours. Implemented over the shm guard and file keeper.
 */
public interface DisplayAccess {

    /**
     * For a running VM: checks the device file (type, no symlink, single link, owner {@code qemuUid}, exact size)
     * and writes its whole ACL, read/write for exactly these users. An empty list revokes everyone. Writes
     * nothing unless every check passes.
     */
    void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException;

    /**
     * For a stopped VM: makes the file QEMU will open — owned by QEMU's user, mode 0600, the exact ACL — keeping
     * one that is already exactly right unless {@code fresh}. A kvmfr device only gets the exact ACL.
     *
     * @param staticDacLabel the domain's static DAC label, when it sets which user QEMU runs as
     * @return what was done, for the log
     */
    String prepareStopped(SharedMemoryDevice device, Optional<String> staticDacLabel, List<String> users,
            boolean fresh) throws AccessRefusedException;

    /** For a stopped VM whose SPICE listens on one of our sockets: makes the folder only its users may enter. */
    void prepareSpice(String socket, Optional<String> staticDacLabel, List<String> users) throws AccessRefusedException;

    /** For a running VM: exactly these users may connect to the SPICE socket QEMU made. */
    void grantSpice(String socket, int qemuUid, List<String> users) throws AccessRefusedException;

    /** For a stopped VM that no longer uses this SPICE socket: removes its folder. */
    void removeSpice(String socket) throws AccessRefusedException;

    /** For a stopped VM that no longer uses this file: removes it (a kvmfr device is only closed to users). */
    void removeStopped(SharedMemoryDevice device) throws AccessRefusedException;

    /** The uid of a local user, empty when there is none (users may come from NSS, not only /etc/passwd). */
    OptionalInt uidOf(String user);

    /**
     * At start-up: exercises, without changing anything, what every grant needs (the folder's status and ACL,
     * a user lookup). Returns the problem a grant would hit, if any.
     */
    Optional<String> selfCheck();

    /** The check failed; the message names the problem and the way out. */
    final class AccessRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public AccessRefusedException(String message) {
            super(message);
        }
    }
}
