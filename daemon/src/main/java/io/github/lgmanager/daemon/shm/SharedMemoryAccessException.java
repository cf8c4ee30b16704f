// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import java.nio.file.Path;

/**
 * The guard refused to touch a shared-memory file, or could not. The message names the problem and the way
 * out; {@link #problem()} is stable, for callers that map it to a D-Bus error or decide to carry on. The file's
 * ACL and mode are as they were, except after {@link Problem#NOT_VERIFIED} (and a failure while reading back),
 * where the write had happened and what the kernel holds is not what was written.
 */
public final class SharedMemoryAccessException extends Exception {
    /** Why. The first group are refusals (what is there is not what QEMU made); the rest are failures. */
    public enum Problem {
        /** Nothing at the path: the VM is not running, or QEMU uses another name. */
        MISSING,
        /** The path's folder is a symbolic link or not a folder. */
        UNSAFE_FOLDER,
        /** The name is a symbolic link, possibly planted to redirect root's write. */
        SYMBOLIC_LINK,
        /** A FIFO, socket, directory, device or regular file where the other kind was expected. */
        WRONG_TYPE,
        /** Not owned by the user QEMU runs as. */
        WRONG_OWNER,
        /** A regular file with more than one name: it may be someone else's file under this name. */
        HARD_LINKED,
        /** Not the size of the VM's configured shared memory. */
        WRONG_SIZE,
        /** A user name NSS does not know. */
        UNKNOWN_USER,
        /** The file system does not support POSIX ACLs. */
        ACL_UNSUPPORTED,
        /** The file's current ACL could not be decoded; it was left alone. */
        MALFORMED_ACL,
        /** The ACL read back after writing is not the one written. */
        NOT_VERIFIED,
        /** A system call failed for another reason; the message quotes it. */
        SYSTEM_ERROR
    }

    private final Problem problem;
    private final Path file;

    public SharedMemoryAccessException(Problem problem, Path file, String message) {
        this(problem, file, message, null);
    }

    public SharedMemoryAccessException(Problem problem, Path file, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    public Path file() {
        return file;
    }
}
