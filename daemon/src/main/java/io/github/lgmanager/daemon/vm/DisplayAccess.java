package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Verifies a running VM's shared memory and grants (or revokes) its users; implemented over the shm guard. */
public interface DisplayAccess {

    /**
     * Checks the device file (type, no symlink, single link, owner {@code qemuUid}, size) and grants read/write
     * to each user. Writes nothing unless every check passes.
     */
    void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException;

    /** Removes these users' entries, with the same checks. */
    void revoke(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException;

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
