// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.SystemCallException;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.core.libvirt.QemuConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The uid and gid QEMU will run as, known before it starts, so the file it opens can be made for it. From, in
 * order: the domain's own static DAC label ({@code <seclabel type='static' model='dac'><label>user:group}), the
 * {@code user}/{@code group} of libvirt's qemu.conf, and the user distributions build libvirt with
 * ({@code libvirt-qemu} on Debian and Ubuntu, {@code qemu} on Fedora, Arch and SUSE).
 */
public record QemuOwner(int uid, int gid) {
    public static final Path QEMU_CONF = Path.of("/etc/libvirt/qemu.conf");
    private static final List<String> BUILT_IN_USERS = List.of("libvirt-qemu", "qemu");

    /**
     * @param staticLabel the domain's static DAC label, e.g. "qemu:kvm" or "+107:+107", if it has one
     * @throws SharedMemoryAccessException when no such user exists here
     */
    public static QemuOwner resolve(Optional<String> staticLabel, Path qemuConf, LinuxFiles files)
            throws SharedMemoryAccessException {
        try {
            if (staticLabel.isPresent()) {
                String[] parts = staticLabel.get().strip().split(":", 2);
                int uid = id(parts[0], true, files, qemuConf);
                int gid = parts.length > 1 ? id(parts[1], false, files, qemuConf) : primaryGid(parts[0], uid, files);
                return new QemuOwner(uid, gid);
            }
            QemuConf conf = parse(read(qemuConf), qemuConf);
            String user = conf.string("user").filter(u -> !u.isBlank()).orElse(null);
            if (user == null) {
                for (String candidate : BUILT_IN_USERS) {
                    if (files.uidOf(candidate).isPresent()) {
                        user = candidate;
                        break;
                    }
                }
            }
            if (user == null) {
                throw unknown("neither libvirt-qemu nor qemu exists and " + qemuConf + " sets no user", qemuConf);
            }
            int uid = id(user, true, files, qemuConf);
            Optional<String> group = conf.string("group").filter(g -> !g.isBlank());
            if (group.isPresent()) {
                return new QemuOwner(uid, id(group.get(), false, files, qemuConf));
            }
            // libvirt's built-in group has the user's name on the distributions above
            OptionalInt sameName = user.startsWith("+") ? OptionalInt.empty() : files.gidOf(user);
            return new QemuOwner(uid, sameName.isPresent() ? sameName.getAsInt() : primaryGid(user, uid, files));
        } catch (SystemCallException e) {
            throw new SharedMemoryAccessException(SharedMemoryAccessException.Problem.SYSTEM_ERROR, qemuConf,
                    "cannot tell which user QEMU runs as: " + e.getMessage(), e);
        }
    }

    private static int id(String text, boolean user, LinuxFiles files, Path qemuConf)
            throws SystemCallException, SharedMemoryAccessException {
        String name = text.strip();
        if (name.startsWith("+")) {
            try {
                return Integer.parseInt(name.substring(1));
            } catch (NumberFormatException e) {
                throw unknown("'" + name + "' is not a numeric id", qemuConf);
            }
        }
        OptionalInt id = user ? files.uidOf(name) : files.gidOf(name);
        if (id.isEmpty()) {
            throw unknown("no " + (user ? "user" : "group") + " named '" + name + "'", qemuConf);
        }
        return id.getAsInt();
    }

    private static int primaryGid(String user, int uid, LinuxFiles files) throws SystemCallException {
        if (user.startsWith("+")) {
            return uid;
        }
        return files.primaryGidOf(user.strip()).orElse(uid);
    }

    private static String read(Path qemuConf) throws SharedMemoryAccessException {
        try {
            return Files.readString(qemuConf);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new SharedMemoryAccessException(SharedMemoryAccessException.Problem.SYSTEM_ERROR, qemuConf,
                    "cannot read " + qemuConf + " to learn which user QEMU runs as: " + e.getMessage(), e);
        }
    }

    private static QemuConf parse(String text, Path qemuConf) throws SharedMemoryAccessException {
        try {
            return QemuConf.parse(text);
        } catch (QemuConf.SyntaxException e) {
            // libvirtd itself refuses such a file, so there is no QEMU user to guess
            throw new SharedMemoryAccessException(SharedMemoryAccessException.Problem.SYSTEM_ERROR, qemuConf,
                    "cannot tell which user QEMU runs as: " + qemuConf + " is not valid (" + e.getMessage() + ")", e);
        }
    }

    private static SharedMemoryAccessException unknown(String what, Path qemuConf) {
        return new SharedMemoryAccessException(SharedMemoryAccessException.Problem.UNKNOWN_USER, qemuConf,
                "cannot tell which user QEMU runs as: " + what + "; check 'user' and 'group' in " + qemuConf
                        + " or the VM's <seclabel model='dac'>");
    }
}
