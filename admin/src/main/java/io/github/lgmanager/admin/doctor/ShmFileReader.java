// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.linux.MalformedAclException;
import io.github.lgmanager.linux.PosixAcl;
import io.github.lgmanager.linux.PosixAclXattr;
import io.github.lgmanager.linux.SystemCallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Looks at the shared-memory file or kvmfr device, never writing: lstat, then (for a regular file or device) its
 * ACL and SELinux label through a descriptor opened without following links, the way lg-daemon reads them; when
 * it cannot be opened (the invoking user has no access), the ACL from getfacl instead.
 */
final class ShmFileReader {
    private final String invokingUser;
    private final Path getfacl;
    private final Accounts accounts;
    private final Supplier<Optional<LinuxFiles>> libc;

    ShmFileReader(String invokingUser, Path getfacl, Accounts accounts) {
        this(invokingUser, getfacl, accounts, ShmFileReader::thisMachinesLibc);
    }

    /** libc: empty where lg-daemon's file calls do not work (not x86-64 Linux); then getfacl is the only way. */
    ShmFileReader(String invokingUser, Path getfacl, Accounts accounts, Supplier<Optional<LinuxFiles>> libc) {
        this.invokingUser = invokingUser;
        this.getfacl = getfacl;
        this.accounts = accounts;
        this.libc = libc;
    }

    /** Empty when even lstat failed. */
    Optional<ShmFile> read(Path path) {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.of(ShmFile.missing());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        int raw = (Integer) unix.get("mode");
        String type = type(raw);
        String owner = owner(path, (Integer) unix.get("uid"));
        String group = group(path, (Integer) unix.get("gid"));
        int mode = raw & 07777;
        Optional<List<AclLine>> acl = Optional.empty();
        String aclProblem = "not read: it is a " + type;
        String label = "";
        if (type.equals("regular file") || type.equals("character device")) {
            Optional<LinuxFiles> files = libc.get();
            Optional<Opened> opened = files.flatMap(f -> readOpened(f, path, mode));
            if (opened.isPresent()) {
                acl = Optional.of(opened.get().acl());
                aclProblem = "";
                label = opened.get().label();
            } else {
                // not allowed to open it: the ACL itself is readable by anyone who can look up the name
                Getfacl.Outcome fromGetfacl = Getfacl.read(getfacl, path);
                aclProblem = fromGetfacl.problem();
                if (aclProblem.isEmpty()) {
                    acl = Optional.of(fromGetfacl.entries().stream().map(n -> named(n, files)).toList());
                }
            }
        }
        List<String> aclUsers = acl.map(ShmFileReader::readWriteUsers).orElse(List.of());
        long size = ((Number) unix.get("size")).longValue();
        boolean canReadWrite = invokingUser.equals("root") || invokingUser.equals(owner)
                ? (invokingUser.equals("root") || (mode & 0600) == 0600)
                : aclUsers.contains(invokingUser) || (mode & 0006) == 0006;
        return Optional.of(new ShmFile(true, type, owner, mode, size, aclUsers, label, Optional.of(canReadWrite), group,
                acl, aclProblem));
    }

    private record Opened(List<AclLine> acl, String label) {
    }

    /** The ACL (the mode's when there is no xattr) and label through one descriptor; empty when it cannot be opened. */
    private Optional<Opened> readOpened(LinuxFiles files, Path path, int mode) {
        try (LinuxFiles.Handle dir = files.openDirectoryNoFollow(path.getParent());
                LinuxFiles.Handle handle = files.openNoFollow(dir, path.getFileName().toString())) {
            Optional<byte[]> xattr = files.readXattr(handle, PosixAclXattr.NAME);
            PosixAcl acl = xattr.isPresent() ? PosixAclXattr.decode(xattr.get()) : PosixAcl.fromMode(mode);
            String label = files.readXattr(handle, "security.selinux")
                    .map(b -> new String(b, StandardCharsets.UTF_8).replace("\0", "")).orElse("");
            return Optional.of(new Opened(lines(acl, Optional.of(files)), label));
        } catch (SystemCallException | MalformedAclException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String type(int rawMode) {
        return switch (rawMode & 0170000) {
            case 0100000 -> "regular file";
            case 0020000 -> "character device";
            case 0040000 -> "directory";
            case 0120000 -> "symbolic link";
            case 0010000 -> "FIFO";
            case 0140000 -> "socket";
            case 0060000 -> "block device";
            default -> "file of unknown type";
        };
    }

    /** Reads the first bytes read-only; never maps, never writes. */
    static Optional<LgmpHeader> header(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(LgmpHeader.BYTES);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading: a short read is legal
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return Optional.of(LgmpHeader.parse(bytes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Named users whose entry grants read and write once the mask is applied. */
    static List<String> readWriteUsers(List<AclLine> acl) {
        int mask = acl.stream().filter(AclLine::isMask).mapToInt(AclLine::permissions).findFirst().orElse(7);
        return acl.stream().filter(l -> l.isNamedUser() && (l.permissions() & mask & 6) == 6).map(AclLine::qualifier)
                .toList();
    }

    private List<AclLine> lines(PosixAcl acl, Optional<LinuxFiles> files) {
        List<AclLine> lines = new ArrayList<>();
        for (AclEntry e : acl.entries()) {
            String tag = switch (e.tag()) {
                case USER_OBJ, USER -> "user";
                case GROUP_OBJ, GROUP -> "group";
                case MASK -> "mask";
                case OTHER -> "other";
            };
            String id = e.tag().isNamed() ? Integer.toUnsignedString(e.qualifier()) : "";
            lines.add(named(new Getfacl.NumericEntry(tag, id, e.permissions()), files));
        }
        return lines;
    }

    /** Names the entry's id: users through NSS when libc is at hand, else the local files; groups from /etc/group. */
    private AclLine named(Getfacl.NumericEntry entry, Optional<LinuxFiles> files) {
        if (entry.id().isEmpty()) {
            return new AclLine(entry.tag(), "", entry.permissions());
        }
        int id = Integer.parseUnsignedInt(entry.id());
        String name = entry.tag().equals("group")
                ? accounts.groups().stream().filter(g -> g.gid() == id).map(Accounts.Group::name).findFirst().orElse(entry.id())
                : userName(id, files);
        return new AclLine(entry.tag(), name, entry.permissions());
    }

    private String userName(int uid, Optional<LinuxFiles> files) {
        if (files.isPresent()) {
            try {
                Optional<String> name = files.get().userNameOf(uid);
                if (name.isPresent()) {
                    return name.get();
                }
            } catch (SystemCallException e) {
                // NSS failed for this uid: the local files may still know it
            }
        }
        return accounts.users().stream().filter(u -> u.uid() == uid).map(Accounts.User::name).findFirst()
                .orElse(Integer.toUnsignedString(uid));
    }

    private static String owner(Path path, int uid) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | RuntimeException e) {
            return Integer.toUnsignedString(uid);
        }
    }

    private String group(Path path, int gid) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .group().getName();
        } catch (IOException | RuntimeException e) {
            return accounts.groupName(gid);
        }
    }

    private static Optional<LinuxFiles> thisMachinesLibc() {
        try {
            return Optional.of(LinuxFiles.load());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
