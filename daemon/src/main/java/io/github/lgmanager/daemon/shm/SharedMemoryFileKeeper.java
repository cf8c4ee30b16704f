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
import java.util.List;
import java.util.OptionalInt;

/**
 * Keeps a stopped VM's {@code /dev/shm/NAME} so that QEMU, when it starts, opens a file that nobody but its
 * listed users could ever open: a regular file owned by QEMU's user, mode 0600, and the exact ACL of
 * {@link PosixAcl#exactFileAcl}. QEMU reuses a file that exists (it opens O_RDWR before trying to create), so
 * the file is never world-readable for an instant, unlike the 0644 file QEMU makes itself.
 *
 * <p>A new file is created with {@code O_CREAT|O_EXCL|O_NOFOLLOW} inside the folder opened without following
 * links, then owned, sized and given its ACL through that one descriptor. Whatever else is at the name — a
 * planted file, a symlink (removed, never followed), a second hard link, a file of the wrong size — is removed
 * first. Only for a stopped VM: a running QEMU keeps the old file mapped and its users would lose the display.
 */
public final class SharedMemoryFileKeeper {
    private static final int OWNER_READ_WRITE = 0600;
    private static final int ATTEMPTS = 5;
    private final LinuxFiles files;

    public SharedMemoryFileKeeper(LinuxFiles files) {
        this.files = files;
    }

    /** What was done, for the log; users NSS does not know were left out of the ACL. */
    public record Prepared(Path file, String action, List<String> unknownUsers) {
    }

    /**
     * Leaves a file that is exactly right in place (rewriting its ACL when the user list changed), and
     * replaces anything else. For enable, resize, user changes and start-up.
     */
    public Prepared ensure(Path file, QemuOwner owner, long size, List<String> users)
            throws SharedMemoryAccessException {
        return prepare(file, owner, size, users, false);
    }

    /**
     * Always a new file: for a VM that just stopped and before QEMU starts, so that a descriptor someone
     * opened during an earlier run (a user since removed) never reaches the next run's frames.
     */
    public Prepared recreate(Path file, QemuOwner owner, long size, List<String> users)
            throws SharedMemoryAccessException {
        return prepare(file, owner, size, users, true);
    }

    /** Removes whatever is at the name (never following it); true if something was there. */
    public boolean remove(Path file) throws SharedMemoryAccessException {
        try (LinuxFiles.Handle folder = openFolder(file)) {
            return removeName(folder, file) != null;
        }
    }

    private Prepared prepare(Path file, QemuOwner owner, long size, List<String> users, boolean fresh)
            throws SharedMemoryAccessException {
        if (size <= 0) {
            throw new IllegalArgumentException("a shared-memory file needs a size, not " + size);
        }
        List<String> unknown = new ArrayList<>();
        List<Integer> uids = resolve(file, users, unknown);
        PosixAcl acl = PosixAcl.exactFileAcl(uids);
        try (LinuxFiles.Handle folder = openFolder(file)) {
            String name = file.getFileName().toString();
            if (!fresh) {
                String kept = keepIfRight(folder, name, file, owner, size, acl);
                if (kept != null) {
                    return new Prepared(file, kept, unknown);
                }
            }
            for (int attempt = 1; ; attempt++) {
                String replaced = removeName(folder, file);
                try (LinuxFiles.Handle created = files.createExclusive(folder, name, OWNER_READ_WRITE)) {
                    files.changeOwner(created, owner.uid(), owner.gid());
                    files.resize(created, size);
                    files.writeXattr(created, PosixAclXattr.NAME, PosixAclXattr.encode(acl));
                    verify(created, file, owner, size, acl);
                    return new Prepared(file, replaced == null ? "created" : "replaced " + replaced, unknown);
                } catch (SystemCallException e) {
                    // someone made the name again between our unlink and create: remove it again
                    if (e.errno() != SystemCallException.EEXIST || attempt == ATTEMPTS) {
                        throw failure(file, e, e.errno() == SystemCallException.EEXIST
                                ? "another process keeps creating it; find it with: fuser -v " + file : null);
                    }
                }
            }
        }
    }

    /** The file as it is when it is already exactly right (ACL rewritten if needed); null when it is not. */
    private String keepIfRight(LinuxFiles.Handle folder, String name, Path file, QemuOwner owner, long size,
            PosixAcl acl) throws SharedMemoryAccessException {
        try (LinuxFiles.Handle handle = files.openNoFollow(folder, name)) {
            FileStatus status = files.status(handle);
            boolean right = status.type() == FileType.REGULAR_FILE && status.owner() == owner.uid()
                    && status.group() == owner.gid() && status.links() == 1 && status.size() == size
                    && (status.mode() & 07000) == 0;
            if (!right) {
                return null;
            }
            var current = files.readXattr(handle, PosixAclXattr.NAME);
            if (current.isPresent() && PosixAclXattr.decode(current.get()).equals(acl)) {
                return "kept";
            }
            files.writeXattr(handle, PosixAclXattr.NAME, PosixAclXattr.encode(acl));
            verify(handle, file, owner, size, acl);
            return "kept, ACL rewritten";
        } catch (SystemCallException | MalformedAclException e) {
            return null; // missing, a link, not openable, odd ACL: replaced by the caller
        }
    }

    private void verify(LinuxFiles.Handle handle, Path file, QemuOwner owner, long size, PosixAcl acl)
            throws SystemCallException, SharedMemoryAccessException {
        FileStatus status = files.status(handle);
        PosixAcl readBack;
        try {
            readBack = PosixAclXattr.decode(files.readXattr(handle, PosixAclXattr.NAME).orElse(new byte[0]));
        } catch (MalformedAclException e) {
            readBack = null;
        }
        if (status.owner() != owner.uid() || status.size() != size || !acl.equals(readBack)) {
            throw new SharedMemoryAccessException(Problem.NOT_VERIFIED, file, file + " does not read back as"
                    + " written (owner uid " + status.owner() + ", " + status.size() + " bytes, ACL " + readBack
                    + "); another process may be changing it: stop the VM and try again");
        }
    }

    /** Removes the name if anything is there; returns what it was ("a symbolic link"), or null. */
    private String removeName(LinuxFiles.Handle folder, Path file) throws SharedMemoryAccessException {
        String name = file.getFileName().toString();
        FileStatus status;
        try {
            status = files.statusNoFollow(folder, name);
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                return null;
            }
            throw failure(file, e, null);
        }
        try {
            files.unlink(folder, name, status.type() == FileType.DIRECTORY);
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                return null;
            }
            throw failure(file, e, e.errno() == SystemCallException.ENOTEMPTY
                    ? "a folder with files in it is there; remove it by hand (it is not ours)" : null);
        }
        return describe(status);
    }

    private static String describe(FileStatus status) {
        String what = status.type().description();
        if (status.type() == FileType.REGULAR_FILE) {
            what += " of " + status.size() + " bytes owned by uid " + Integer.toUnsignedString(status.owner())
                    + (status.links() > 1 ? " with " + status.links() + " hard links" : "");
        }
        return what;
    }

    private LinuxFiles.Handle openFolder(Path file) throws SharedMemoryAccessException {
        if (!file.isAbsolute() || file.getParent() == null) {
            throw new IllegalArgumentException("need an absolute path to a file, not " + file);
        }
        try {
            return files.openDirectoryNoFollow(file.getParent());
        } catch (SystemCallException e) {
            throw new SharedMemoryAccessException(Problem.UNSAFE_FOLDER, file, "cannot prepare " + file + ": its"
                    + " folder cannot be opened safely (" + e.getMessage() + "); it must be a real folder, not a link",
                    e);
        }
    }

    private List<Integer> resolve(Path file, List<String> users, List<String> unknown)
            throws SharedMemoryAccessException {
        List<Integer> uids = new ArrayList<>();
        for (String user : users) {
            OptionalInt uid;
            try {
                uid = files.uidOf(user);
            } catch (SystemCallException e) {
                throw failure(file, e, null);
            }
            if (uid.isPresent()) {
                uids.add(uid.getAsInt());
            } else {
                unknown.add(user);
            }
        }
        return uids;
    }

    private static SharedMemoryAccessException failure(Path file, SystemCallException e, String wayOut) {
        return new SharedMemoryAccessException(Problem.SYSTEM_ERROR, file, "cannot prepare " + file + ": "
                + e.getMessage() + (wayOut == null ? "" : "; " + wayOut), e);
    }
}
