// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.MalformedAclException;
import io.github.lgmanager.linux.PosixAclXattr;
import io.github.lgmanager.linux.FileStatus;
import io.github.lgmanager.linux.SystemCallException;
import io.github.lgmanager.linux.PosixAcl;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.linux.FileStatus.FileType;
import io.github.lgmanager.daemon.shm.SharedMemoryAccessException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Grants desktop users read/write on the shared memory of a running VM, and takes it back, without ever
 * acting on a file it has not verified. The path is resolved once ({@code O_NOFOLLOW} on the folder and the
 * name); every later step — statx, reading and writing the ACL xattr, reading it back — uses that one
 * descriptor, so swapping the name afterwards changes nothing. Nothing is written unless every check passes.
 * For a running VM; a stopped VM's file is made by {@link SharedMemoryFileKeeper}.
 */
public final class SharedMemoryGuard {
    private final LinuxFiles files;

    public SharedMemoryGuard(LinuxFiles files) {
        this.files = files;
    }

    /** A guard over this machine's libc. */
    public static SharedMemoryGuard onThisMachine() {
        return new SharedMemoryGuard(LinuxFiles.load());
    }

    /**
     * Writes the file's whole ACL: read/write for exactly these users and nobody else (see
     * {@link PosixAcl#exactFileAcl}; a kvmfr device keeps its owner's and group's rights). Users taken off the
     * list lose access here, and an empty list revokes everyone. Writing what is already there writes nothing.
     *
     * @param file absolute path, e.g. {@code /dev/shm/looking-glass-win11} or {@code /dev/kvmfr0}
     * @param expected what QEMU's file must look like
     * @param userNames the desktop users, resolved through NSS before anything is written
     * @throws SharedMemoryAccessException naming the problem and the way out; the file is then unchanged
     */
    public AclOutcome grantExactly(Path file, Expectation expected, List<String> userNames)
            throws SharedMemoryAccessException {
        return update(file, expected, userNames, "grant", (acl, uids) ->
                expected.kind() == Expectation.Kind.KVMFR_DEVICE
                        ? acl.withExactlyTheseUsers(uids.values())
                        : PosixAcl.exactFileAcl(uids.values()));
    }

    /**
     * Reads the folder's own status and ACL through the same system calls a grant uses, writing nothing. Run
     * once at start-up: a machine where they fail is reported before any VM starts, and the first VM start
     * does not pay for loading this code (about 30 ms, docs/benchmarks.md).
     */
    public PosixAcl inspectFolder(Path folder) throws SharedMemoryAccessException {
        try (LinuxFiles.Handle handle = files.openDirectoryNoFollow(folder)) {
            return currentAcl(handle, call(folder, () -> files.status(handle)), folder);
        } catch (SystemCallException e) {
            throw systemError(folder, e);
        }
    }

    private interface Change {
        PosixAcl apply(PosixAcl current, Map<String, Integer> uids);
    }

    private AclOutcome update(Path file, Expectation expected, List<String> userNames, String verb, Change change)
            throws SharedMemoryAccessException {
        if (!file.isAbsolute() || file.getParent() == null) {
            throw new IllegalArgumentException("need an absolute path to a file, not " + file);
        }
        try (LinuxFiles.Handle folder = openFolder(file);
             LinuxFiles.Handle handle = openFile(folder, file, expected)) {
            FileStatus status = call(file, () -> files.status(handle));
            expected.check(file, status, this::userName);
            Map<String, Integer> uids = resolve(file, userNames, verb);
            PosixAcl before = currentAcl(handle, status, file);
            PosixAcl after = change.apply(before, uids);
            if (!after.equals(before)) {
                write(handle, after, file);
                PosixAcl readBack = currentAcl(handle, call(file, () -> files.status(handle)), file);
                if (!readBack.equals(after)) {
                    throw new SharedMemoryAccessException(Problem.NOT_VERIFIED, file, "the ACL of " + file
                            + " reads back as " + readBack + " after writing " + after
                            + "; another process may be changing it: try again");
                }
            }
            return new AclOutcome(file, before, after, uids);
        }
    }

    private LinuxFiles.Handle openFolder(Path file) throws SharedMemoryAccessException {
        Path folder = file.getParent();
        try {
            return files.openDirectoryNoFollow(folder);
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                throw missing(file);
            }
            if (e.errno() == SystemCallException.ELOOP || e.errno() == SystemCallException.ENOTDIR) {
                throw new SharedMemoryAccessException(Problem.UNSAFE_FOLDER, file, "refusing " + file + ": its"
                        + " folder " + folder + " is a symbolic link or not a folder; configure the real path", e);
            }
            throw systemError(file, e);
        }
    }

    private LinuxFiles.Handle openFile(LinuxFiles.Handle folder, Path file, Expectation expected)
            throws SharedMemoryAccessException {
        String name = file.getFileName().toString();
        try {
            return files.openNoFollow(folder, name);
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ELOOP) {
                throw new SharedMemoryAccessException(Problem.SYMBOLIC_LINK, file, "refusing " + file
                        + ": it is a symbolic link (possible planting by another user); remove it and restart the VM",
                        e);
            }
            if (e.errno() == SystemCallException.ENOENT) {
                throw missing(file);
            }
            if (e.errno() == SystemCallException.ENXIO) {
                throw cannotOpen(folder, name, file, expected, e);
            }
            throw systemError(file, e);
        }
    }

    /**
     * ENXIO: a socket, or a device node without a driver (kvmfr unloaded). Says which, from a no-follow statx of
     * the name.
     */
    private SharedMemoryAccessException cannotOpen(LinuxFiles.Handle folder, String name, Path file,
            Expectation expected, SystemCallException cause) {
        FileType type;
        try {
            type = files.statusNoFollow(folder, name).type();
        } catch (SystemCallException e) {
            return systemError(file, cause);
        }
        if (type == expected.kind().type()) {
            return new SharedMemoryAccessException(Problem.SYSTEM_ERROR, file, "cannot open " + file + ": "
                    + cause.getMessage() + "; is the driver of this device (kvmfr) loaded?", cause);
        }
        return new SharedMemoryAccessException(Problem.WRONG_TYPE, file, "refusing " + file + ": it is "
                + type.description() + ", expected " + expected.kind().type().description()
                + " (possible planting by another user); remove it and restart the VM", cause);
    }

    private Map<String, Integer> resolve(Path file, List<String> userNames, String verb)
            throws SharedMemoryAccessException {
        Map<String, Integer> uids = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : userNames) {
            OptionalInt uid = call(file, () -> files.uidOf(name));
            if (uid.isPresent()) {
                uids.put(name, uid.getAsInt());
            } else {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new SharedMemoryAccessException(Problem.UNKNOWN_USER, file, "cannot " + verb + " access to "
                    + file + ": no user named " + String.join(", ", unknown) + " (looked up through NSS);"
                    + " nothing was changed; correct the VM's user list");
        }
        return uids;
    }

    /** The ACL the kernel enforces now: the xattr, or the mode bits when the file has none. */
    private PosixAcl currentAcl(LinuxFiles.Handle handle, FileStatus status, Path file)
            throws SharedMemoryAccessException {
        try {
            var value = files.readXattr(handle, PosixAclXattr.NAME);
            if (value.isEmpty()) {
                return PosixAcl.fromMode(status.mode());
            }
            return PosixAclXattr.decode(value.get());
        } catch (MalformedAclException e) {
            throw new SharedMemoryAccessException(Problem.MALFORMED_ACL, file, "refusing " + file + ": its"
                    + " current ACL cannot be read (" + e.getMessage() + "); nothing was changed; inspect it with"
                    + " getfacl, or remove the file and restart the VM", e);
        } catch (SystemCallException e) {
            throw aclFailure(file, e);
        }
    }

    private void write(LinuxFiles.Handle handle, PosixAcl acl, Path file) throws SharedMemoryAccessException {
        try {
            files.writeXattr(handle, PosixAclXattr.NAME, PosixAclXattr.encode(acl));
        } catch (SystemCallException e) {
            throw aclFailure(file, e);
        }
    }

    private SharedMemoryAccessException aclFailure(Path file, SystemCallException e) {
        if (e.errno() == SystemCallException.EOPNOTSUPP) {
            return new SharedMemoryAccessException(Problem.ACL_UNSUPPORTED, file, "cannot use a POSIX ACL on "
                    + file + ": its file system does not support them (" + e.getMessage() + "); mount it with ACL"
                    + " support (tmpfs has it since Linux 2.6.19)", e);
        }
        return systemError(file, e);
    }

    private String userName(int uid) {
        try {
            return files.userNameOf(uid).orElse("no user has it");
        } catch (SystemCallException e) {
            return "name unknown: " + e.getMessage();
        }
    }

    private static SharedMemoryAccessException missing(Path file) {
        return new SharedMemoryAccessException(Problem.MISSING, file, "cannot open " + file + ": it does not exist;"
                + " QEMU creates it when the VM starts: is the VM running, with this shared memory name?");
    }

    private static SharedMemoryAccessException systemError(Path file, SystemCallException e) {
        return new SharedMemoryAccessException(Problem.SYSTEM_ERROR, file, "cannot change access to " + file
                + ": " + e.getMessage(), e);
    }

    private interface SystemCall<T> {
        T run() throws SystemCallException;
    }

    private static <T> T call(Path file, SystemCall<T> call) throws SharedMemoryAccessException {
        try {
            return call.run();
        } catch (SystemCallException e) {
            throw systemError(file, e);
        }
    }
}
