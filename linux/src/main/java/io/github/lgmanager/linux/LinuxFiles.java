// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The libc calls the guard needs, over JNA, with Java types only: open a folder and a name in it without
 * following symbolic links, statx and read/write xattrs on the opened descriptor, and look users up through
 * NSS (users may come from LDAP or systemd-homed, so /etc/passwd is not the authority). x86-64 Linux only:
 * the O_* flag values and the struct passwd offsets below are that ABI's (aarch64's O_DIRECTORY and O_NOFOLLOW
 * differ); statx was chosen over stat because its layout is the same on every architecture.
 */
public final class LinuxFiles {
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 02;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int O_PATH = 010000000;
    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** STATX_TYPE | MODE | NLINK | UID | GID | SIZE: what the guard decides on. */
    private static final int STATX_NEEDED = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x200;
    private static final int STATX_BYTES = 256;
    private static final int PASSWD_BYTES = 48;
    private static final int PASSWD_UID_OFFSET = 16;
    private static final int PASSWD_GID_OFFSET = 20;
    private static final int GROUP_BYTES = 32;
    private static final int GROUP_GID_OFFSET = 16;
    private static final long MAX_NSS_BUFFER = 1 << 20;
    private static final int EPERM = 1;
    private static final int ESRCH = 3;
    private static final int EBADF = 9;

    private final CLibrary libc;

    private LinuxFiles(CLibrary libc) {
        this.libc = libc;
    }

    /** Loads libc; fails with a clear message on a platform whose ABI this class does not encode. */
    public static LinuxFiles load() {
        if (!Platform.isLinux() || !"x86-64".equals(Platform.ARCH)) {
            throw new IllegalStateException("lg-daemon's file guard supports x86-64 Linux only, not "
                    + System.getProperty("os.name") + " on " + Platform.ARCH);
        }
        return new LinuxFiles(Native.load(Platform.C_LIBRARY_NAME, CLibrary.class));
    }

    /** Opens a folder; fails with ELOOP if the last component is a symbolic link, ENOTDIR if no folder. */
    public Handle openDirectoryNoFollow(Path directory) throws SystemCallException {
        String path = directory.toString();
        return new Handle(open(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, path), path);
    }

    /**
     * Opens {@code name} inside an opened folder for reading, refusing a symbolic link (ELOOP). O_NONBLOCK so a
     * FIFO cannot block the caller, O_NOCTTY so a terminal cannot become ours.
     */
    public Handle openNoFollow(Handle directory, String name) throws SystemCallException {
        String path = directory.path + "/" + name;
        int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
        return new Handle(open(directory.fd, name, flags, path), path);
    }

    /**
     * Creates {@code name} in an opened folder, read/write, failing with EEXIST if anything (a symlink
     * included) is there already: the new file is ours alone from its first instant, and every later step works
     * on the descriptor returned.
     */
    public Handle createExclusive(Handle directory, String name, int mode) throws SystemCallException {
        String path = directory.path + "/" + name;
        int flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
        try {
            return new Handle(libc.openat(directory.fd, cString(name), flags, mode), path);
        } catch (LastErrorException e) {
            throw failure("openat", path, e);
        }
    }

    /** Makes a folder in an opened folder; false (and nothing done) when the name exists already. */
    public boolean makeFolder(Handle directory, String name, int mode) throws SystemCallException {
        try {
            libc.mkdirat(directory.fd, cString(name), mode);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == SystemCallException.EEXIST) {
                return false;
            }
            throw failure("mkdirat", directory.path + "/" + name, e);
        }
    }

    /**
     * A handle on a name in an opened folder that reads nothing and cannot be a symlink followed (O_PATH with
     * O_NOFOLLOW): for a socket, which open() cannot open, so its status and ACL can be handled through this.
     */
    public Handle openPathNoFollow(Handle directory, String name) throws SystemCallException {
        String path = directory.path + "/" + name;
        try {
            return new Handle(libc.openat(directory.fd, cString(name), O_PATH | O_NOFOLLOW | O_CLOEXEC), path);
        } catch (LastErrorException e) {
            throw failure("openat", path, e);
        }
    }

    /**
     * Sets an extended attribute through an O_PATH handle: fsetxattr refuses those, so the kernel's own link
     * to the opened inode in /proc/self/fd is used, which names that inode and nothing else.
     */
    public void writeXattrViaProc(Handle file, String name, byte[] value) throws SystemCallException {
        try {
            libc.setxattr(cString("/proc/self/fd/" + file.fd), cString(name), value, value.length, 0);
        } catch (LastErrorException e) {
            throw failure("setxattr", file.path + " " + name, e);
        }
    }

    /** Removes a name from an opened folder without following it (a symlink goes, never its target). */
    public void unlink(Handle directory, String name, boolean folder) throws SystemCallException {
        try {
            libc.unlinkat(directory.fd, cString(name), folder ? AT_REMOVEDIR : 0);
        } catch (LastErrorException e) {
            throw failure("unlinkat", directory.path + "/" + name, e);
        }
    }

    /** Gives the opened file to a user and group. */
    public void changeOwner(Handle file, int uid, int gid) throws SystemCallException {
        try {
            libc.fchown(file.fd, uid, gid);
        } catch (LastErrorException e) {
            throw failure("fchown", file.path, e);
        }
    }

    /** Sets the opened file's size (a tmpfs file grows sparse: no memory is used until written). */
    public void resize(Handle file, long bytes) throws SystemCallException {
        try {
            libc.ftruncate(file.fd, bytes);
        } catch (LastErrorException e) {
            throw failure("ftruncate", file.path, e);
        }
    }

    private int open(int directoryFd, String name, int flags, String pathForErrors) throws SystemCallException {
        try {
            return libc.openat(directoryFd, cString(name), flags);
        } catch (LastErrorException e) {
            throw failure("openat", pathForErrors, e);
        }
    }

    /** statx of the opened file itself (AT_EMPTY_PATH), never of whatever its path names now. */
    public FileStatus status(Handle file) throws SystemCallException {
        return statx(file.fd, "", AT_EMPTY_PATH, file.path);
    }

    /** statx of a name in a folder without following it: only to describe what could not be opened. */
    public FileStatus statusNoFollow(Handle directory, String name) throws SystemCallException {
        return statx(directory.fd, name, AT_SYMLINK_NOFOLLOW, directory.path + "/" + name);
    }

    private FileStatus statx(int fd, String name, int flags, String pathForErrors) throws SystemCallException {
        byte[] buffer = new byte[STATX_BYTES];
        try {
            libc.statx(fd, cString(name), flags, STATX_NEEDED, buffer);
        } catch (LastErrorException e) {
            throw failure("statx", pathForErrors, e);
        }
        // struct statx: u32 mask@0, u32 nlink@16, u32 uid@20, u32 gid@24, u16 mode@28, u64 size@40
        ByteBuffer in = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
        int reported = in.getInt(0);
        if ((reported & STATX_NEEDED) != STATX_NEEDED) {
            throw new SystemCallException("statx", pathForErrors, 0, "the file system did not report type, mode,"
                    + " links, owner and size (mask 0x" + Integer.toHexString(reported) + ")");
        }
        return FileStatus.fromRawMode(Short.toUnsignedInt(in.getShort(28)), in.getInt(20), in.getInt(24),
                Integer.toUnsignedLong(in.getInt(16)), in.getLong(40));
    }

    /** The value of an extended attribute of the opened file; empty when it has none of that name. */
    public Optional<byte[]> readXattr(Handle file, String name) throws SystemCallException {
        byte[] cName = cString(name);
        for (int attempt = 0; ; attempt++) {
            try {
                long size = libc.fgetxattr(file.fd, cName, null, 0);
                byte[] value = new byte[(int) size];
                long read = libc.fgetxattr(file.fd, cName, value, value.length);
                return Optional.of(Arrays.copyOf(value, (int) read));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == SystemCallException.ENODATA) {
                    return Optional.empty();
                }
                // ERANGE: it grew between the two calls; ask again
                if (e.getErrorCode() != SystemCallException.ERANGE || attempt == 3) {
                    throw failure("fgetxattr", file.path + " " + name, e);
                }
            }
        }
    }

    /** Sets (creates or replaces) an extended attribute on the opened file. */
    public void writeXattr(Handle file, String name, byte[] value) throws SystemCallException {
        try {
            libc.fsetxattr(file.fd, cString(name), value, value.length, 0);
        } catch (LastErrorException e) {
            throw failure("fsetxattr", file.path + " " + name, e);
        }
    }

    /** The uid of a user name as NSS resolves it (getpwnam_r); empty when there is no such user. */
    public OptionalInt uidOf(String userName) throws SystemCallException {
        if (userName.isEmpty() || userName.indexOf('\0') >= 0) {
            return OptionalInt.empty();
        }
        byte[] cName = cString(userName);
        return lookUpUser("getpwnam_r", userName,
                (pwd, buf, len, result) -> libc.getpwnam_r(cName, pwd, buf, len, result),
                pwd -> pwd.getInt(PASSWD_UID_OFFSET))
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The primary group of a user name (getpwnam_r); empty when there is no such user. */
    public OptionalInt primaryGidOf(String userName) throws SystemCallException {
        if (userName.isEmpty() || userName.indexOf('\0') >= 0) {
            return OptionalInt.empty();
        }
        byte[] cName = cString(userName);
        return lookUpUser("getpwnam_r", userName,
                (pwd, buf, len, result) -> libc.getpwnam_r(cName, pwd, buf, len, result),
                pwd -> pwd.getInt(PASSWD_GID_OFFSET))
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The gid of a group name as NSS resolves it (getgrnam_r); empty when there is no such group. */
    public OptionalInt gidOf(String groupName) throws SystemCallException {
        if (groupName.isEmpty() || groupName.indexOf('\0') >= 0) {
            return OptionalInt.empty();
        }
        byte[] cName = cString(groupName);
        Memory group = new Memory(GROUP_BYTES);
        for (long length = 1024; ; length *= 2) {
            Memory buffer = new Memory(length);
            PointerByReference result = new PointerByReference();
            int error = libc.getgrnam_r(cName, group, buffer, length, result);
            if (error == SystemCallException.ERANGE && length < MAX_NSS_BUFFER) {
                continue;
            }
            if (error == 0 && result.getValue() != null) {
                int gid = group.getInt(GROUP_GID_OFFSET);
                Reference.reachabilityFence(buffer);
                return OptionalInt.of(gid);
            }
            if (error == 0 || error == SystemCallException.ENOENT || error == ESRCH || error == EBADF
                    || error == EPERM) {
                return OptionalInt.empty();
            }
            throw new SystemCallException("getgrnam_r", groupName, error, libc.strerror(error));
        }
    }

    /** The user name of a uid (getpwuid_r), for messages; empty when no user has it. */
    public Optional<String> userNameOf(int uid) throws SystemCallException {
        return lookUpUser("getpwuid_r", Integer.toUnsignedString(uid),
                (pwd, buf, len, result) -> libc.getpwuid_r(uid, pwd, buf, len, result),
                pwd -> pwd.getPointer(0).getString(0, StandardCharsets.UTF_8.name()));
    }

    private interface PasswdCall {
        int call(Pointer pwd, Pointer buffer, long length, PointerByReference result);
    }

    /** Calls a getpw*_r function, growing its buffer on ERANGE; reads the answer while the buffer lives. */
    private <T> Optional<T> lookUpUser(String function, String key, PasswdCall call, Function<Pointer, T> read)
            throws SystemCallException {
        Memory pwd = new Memory(PASSWD_BYTES);
        for (long length = 1024; ; length *= 2) {
            Memory buffer = new Memory(length);
            PointerByReference result = new PointerByReference();
            int error = call.call(pwd, buffer, length, result);
            if (error == SystemCallException.ERANGE && length < MAX_NSS_BUFFER) {
                continue;
            }
            // the man page lists these as "not found" answers of some NSS modules, besides 0 with a NULL result
            boolean notFound = error == SystemCallException.ENOENT || error == ESRCH || error == EBADF
                    || error == EPERM || (error == 0 && result.getValue() == null);
            if (notFound) {
                return Optional.empty();
            }
            if (error != 0) {
                throw new SystemCallException(function, key, error, libc.strerror(error));
            }
            T answer = read.apply(pwd);
            // pwd's strings point into buffer: keep it reachable until they have been read
            Reference.reachabilityFence(buffer);
            return Optional.of(answer);
        }
    }

    private SystemCallException failure(String call, String target, LastErrorException e) {
        int errno = e.getErrorCode();
        return new SystemCallException(call, target, errno, libc.strerror(errno));
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** An open file descriptor; closing it twice is harmless. */
    public final class Handle implements AutoCloseable {
        private final int fd;
        private final String path;
        private boolean closed;

        private Handle(int fd, String path) {
            this.fd = fd;
            this.path = path;
        }

        public String path() {
            return path;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    libc.close(fd);
                } catch (LastErrorException ignored) {
                    // Linux releases the descriptor even when close reports an error; a read-only
                    // descriptor has nothing to flush, so there is nothing to retry or report
                }
            }
        }
    }

    private interface CLibrary extends Library {
        int openat(int directoryFd, byte[] path, int flags, Object... mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int unlinkat(int directoryFd, byte[] path, int flags) throws LastErrorException;

        int mkdirat(int directoryFd, byte[] path, int mode) throws LastErrorException;

        int setxattr(byte[] path, byte[] name, byte[] value, long size, int flags) throws LastErrorException;

        int fchown(int fd, int uid, int gid) throws LastErrorException;

        int ftruncate(int fd, long length) throws LastErrorException;

        int getgrnam_r(byte[] name, Pointer group, Pointer buffer, long length, PointerByReference result);

        int statx(int directoryFd, byte[] path, int flags, int mask, byte[] statx) throws LastErrorException;

        long fgetxattr(int fd, byte[] name, byte[] value, long size) throws LastErrorException;

        int fsetxattr(int fd, byte[] name, byte[] value, long size, int flags) throws LastErrorException;

        int getpwnam_r(byte[] name, Pointer pwd, Pointer buffer, long length, PointerByReference result);

        int getpwuid_r(int uid, Pointer pwd, Pointer buffer, long length, PointerByReference result);

        String strerror(int errno);
    }
}
