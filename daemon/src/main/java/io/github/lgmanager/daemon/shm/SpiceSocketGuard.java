// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.PosixAcl;
import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.PosixAclXattr;
import io.github.lgmanager.linux.FileStatus;
import io.github.lgmanager.linux.SystemCallException;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.core.settings.SpiceSockets;
import io.github.lgmanager.linux.FileStatus.FileType;
import io.github.lgmanager.daemon.shm.SharedMemoryAccessException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * SPICE for exactly the VM's listed users: QEMU listens on {@code /run/lg-manager/spice/NAME/spice.sock}. The
 * folder is made before QEMU starts — owned by QEMU's user (QEMU creates the socket in it), mode 0700, and an ACL
 * that lets exactly the listed users through (--x) — and once QEMU made the socket, exactly they may connect
 * (rw on the socket: connecting to a UNIX socket needs write). The path up to the VM's folder is root's and not
 * world-writable; inside it, QEMU's user could put anything, so the socket is opened without following links
 * (O_PATH) and checked to be a socket of that user before its ACL is written through that handle.
 */
public final class SpiceSocketGuard {
    private static final int ROOT_ONLY_WRITABLE = 0755;
    private static final int OWNER_ONLY = 0700;
    private final LinuxFiles files;

    public SpiceSocketGuard(LinuxFiles files) {
        this.files = files;
    }

    /** Before QEMU starts: makes (or corrects) the VM's folder for its socket. */
    public void prepareFolder(String socket, QemuOwner owner, List<String> users) throws SharedMemoryAccessException {
        Path folder = Path.of(SpiceSockets.folderOf(socket));
        List<Integer> uids = uids(folder, users);
        try (LinuxFiles.Handle spiceRoot = rootFolders(folder)) {
            String name = folder.getFileName().toString();
            files.makeFolder(spiceRoot, name, OWNER_ONLY);
            try (LinuxFiles.Handle own = files.openDirectoryNoFollow(folder)) {
                FileStatus status = files.status(own);
                if (status.type() != FileType.DIRECTORY) {
                    throw new SharedMemoryAccessException(Problem.WRONG_TYPE, folder, folder + " is "
                            + status.type().description() + ", expected a folder");
                }
                files.changeOwner(own, owner.uid(), owner.gid());
                files.writeXattr(own, PosixAclXattr.NAME, PosixAclXattr.encode(
                        PosixAcl.exact(07, uids, AclEntry.EXECUTE)));
            }
        } catch (SystemCallException e) {
            throw failure(folder, e);
        }
    }

    /** While the VM runs: exactly the listed users may connect to the socket QEMU made (and enter its folder). */
    public void grantSocket(String socket, int qemuUid, List<String> users) throws SharedMemoryAccessException {
        Path path = Path.of(socket);
        Path folder = path.getParent();
        List<Integer> uids = uids(path, users);
        try (LinuxFiles.Handle spiceRoot = rootFolders(folder);
             LinuxFiles.Handle own = files.openDirectoryNoFollow(folder);
             LinuxFiles.Handle handle = files.openPathNoFollow(own, SpiceSockets.SOCKET_NAME)) {
            FileStatus status = files.status(handle);
            if (status.type() != FileType.SOCKET || status.owner() != qemuUid) {
                throw new SharedMemoryAccessException(Problem.WRONG_TYPE, path, "refusing " + path + ": it is "
                        + status.type().description() + " owned by uid " + Integer.toUnsignedString(status.owner())
                        + ", expected QEMU's socket (uid " + qemuUid + "); restart the VM");
            }
            files.writeXattrViaProc(handle, PosixAclXattr.NAME,
                    PosixAclXattr.encode(PosixAcl.exact(AclEntry.READ_WRITE | AclEntry.EXECUTE, uids, AclEntry.READ_WRITE)));
            files.writeXattr(own, PosixAclXattr.NAME, PosixAclXattr.encode(PosixAcl.exact(07, uids, AclEntry.EXECUTE)));
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                throw new SharedMemoryAccessException(Problem.MISSING, path, "QEMU has no SPICE socket at " + path
                        + "; is the VM's SPICE set to listen there (lg-admin enable VM --with-spice)?");
            }
            throw failure(path, e);
        }
    }

    /** When the VM no longer uses it: removes the VM's folder and the socket QEMU left in it. */
    public void removeFolder(String socket) throws SharedMemoryAccessException {
        Path folder = Path.of(SpiceSockets.folderOf(socket));
        try (LinuxFiles.Handle spiceRoot = files.openDirectoryNoFollow(folder.getParent())) {
            try (LinuxFiles.Handle own = files.openDirectoryNoFollow(folder)) {
                files.unlink(own, SpiceSockets.SOCKET_NAME, false);
            } catch (SystemCallException e) {
                if (e.errno() != SystemCallException.ENOENT) {
                    throw e;
                }
            }
            files.unlink(spiceRoot, folder.getFileName().toString(), true);
        } catch (SystemCallException e) {
            if (e.errno() != SystemCallException.ENOENT) {
                throw failure(folder, e);
            }
        }
    }

    /** /run/lg-manager/spice, made root's and not world-writable if missing, opened without following links. */
    private LinuxFiles.Handle rootFolders(Path folder) throws SystemCallException, SharedMemoryAccessException {
        Path spiceRoot = Path.of(SpiceSockets.ROOT);
        if (!spiceRoot.equals(folder.getParent())) {
            throw new IllegalArgumentException("not a folder of ours: " + folder);
        }
        for (Path step : List.of(spiceRoot.getParent(), spiceRoot)) {
            try (LinuxFiles.Handle parent = files.openDirectoryNoFollow(step.getParent())) {
                files.makeFolder(parent, step.getFileName().toString(), ROOT_ONLY_WRITABLE);
            }
        }
        LinuxFiles.Handle handle = files.openDirectoryNoFollow(spiceRoot);
        FileStatus status = files.status(handle);
        if (status.owner() != 0 || (status.mode() & 022) != 0) {
            handle.close();
            throw new SharedMemoryAccessException(Problem.UNSAFE_FOLDER, folder, "refusing " + spiceRoot + ": it must"
                    + " belong to root and be writable by root only (mode " + Integer.toOctalString(status.mode())
                    + ", owner uid " + Integer.toUnsignedString(status.owner()) + "); remove it");
        }
        return handle;
    }

    private List<Integer> uids(Path path, List<String> users) throws SharedMemoryAccessException {
        List<Integer> uids = new ArrayList<>();
        for (String user : users) {
            try {
                OptionalInt uid = files.uidOf(user);
                if (uid.isPresent()) {
                    uids.add(uid.getAsInt());
                }
            } catch (SystemCallException e) {
                throw failure(path, e);
            }
        }
        return uids;
    }

    private static SharedMemoryAccessException failure(Path path, SystemCallException e) {
        return new SharedMemoryAccessException(Problem.SYSTEM_ERROR, path, "cannot prepare SPICE's socket at " + path
                + ": " + e.getMessage(), e);
    }
}
