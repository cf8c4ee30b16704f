package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.Host;
import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.daemon.shm.AclEntry;
import io.github.lgmanager.daemon.shm.LinuxFiles;
import io.github.lgmanager.daemon.shm.MalformedAclException;
import io.github.lgmanager.daemon.shm.PosixAcl;
import io.github.lgmanager.daemon.shm.PosixAclXattr;
import io.github.lgmanager.daemon.shm.SystemCallException;
import io.github.lgmanager.daemon.vm.VmView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what doctor needs from the machine, never writing anything: files under the host's root, the shared
 * memory (opened read-only, without following links), and looking-glass-client's version.
 */
public final class FactsGatherer {
    private static final Pattern QEMU_USER = Pattern.compile("(?m)^\\s*user\\s*=\\s*\"([^\"]+)\"");
    private final Host host;

    public FactsGatherer(Host host) {
        this.host = host;
    }

    public HostFacts host(String backend, boolean direct, String backendProblem, String libvirtProblem) {
        Optional<String> qemuConf = readUnlessDenied(host.path("etc/libvirt/qemu.conf"));
        Matcher user = QEMU_USER.matcher(qemuConf.orElse(""));
        Optional<String> client = onPath("looking-glass-client");
        return new HostFacts(backend, direct, backendProblem, libvirtProblem, host.invokingUser(),
                user.find() ? user.group(1) : "libvirt-qemu", sysctl("protected_regular"),
                sysctl("protected_symlinks"), sysctl("protected_hardlinks"),
                read(host.path("sys/module/apparmor/parameters/enabled")).strip().equals("Y"),
                read(host.path("etc/apparmor.d/abstractions/libvirt-qemu")) + "\n"
                        + read(host.path("etc/apparmor.d/local/abstractions/libvirt-qemu")),
                dpkgVersion(read(host.path("var/lib/dpkg/status")), "libvirt-daemon"), selinuxMode(), tmpfiles(),
                Files.isDirectory(host.path("sys/module/kvmfr")), kvmfrDevices(), qemuConf, client,
                client.flatMap(ClientVersion::ask));
    }

    /** A value under /proc/sys/fs, empty when unreadable. */
    private OptionalInt sysctl(String name) {
        String value = read(host.path("proc/sys/fs/" + name)).strip();
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private String selinuxMode() {
        String enforce = read(host.path("sys/fs/selinux/enforce")).strip();
        return enforce.equals("1") ? "enforcing" : enforce.equals("0") ? "permissive" : "absent";
    }

    /** Every line of the tmpfiles.d folders systemd-tmpfiles reads. */
    private List<HostFacts.TmpfilesLine> tmpfiles() {
        List<HostFacts.TmpfilesLine> lines = new ArrayList<>();
        for (String folder : List.of("etc/tmpfiles.d", "run/tmpfiles.d", "usr/lib/tmpfiles.d")) {
            Path dir = host.path(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                    List<String> text = read(file).lines().toList();
                    for (int i = 0; i < text.size(); i++) {
                        lines.add(new HostFacts.TmpfilesLine("/" + folder + "/" + file.getFileName(), i + 1, text.get(i)));
                    }
                }
            } catch (IOException e) {
                // an unreadable folder has nothing we can report on
            }
        }
        return lines;
    }

    /** The names /dev/kvmfrN, as listed (not opened) under /dev. */
    private List<String> kvmfrDevices() {
        try (Stream<Path> entries = Files.list(host.path("dev"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("kvmfr\\d{1,2}")).sorted()
                    .map(n -> "/dev/" + n).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private Optional<String> onPath(String program) {
        String path = host.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The Version of an installed Debian package from dpkg's status file, "" when not installed. */
    static String dpkgVersion(String status, String pkg) {
        for (String stanza : status.split("\n\n")) {
            if (stanza.startsWith("Package: " + pkg + "\n") || stanza.contains("\nPackage: " + pkg + "\n")) {
                Matcher m = Pattern.compile("(?m)^Version: (?:\\d+:)?(\\S+)").matcher(stanza);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }

    /**
     * The VM's shared memory: the file (or device) whenever Looking Glass is enabled, since a file left while the
     * VM is shut off matters at its next start; the header only while it runs.
     */
    public VmFacts vm(VmView view, String xml) {
        if (!view.enabled()) {
            return new VmFacts(view, xml, Optional.empty(), Optional.empty());
        }
        Path path = Path.of(view.shmPath());
        Optional<ShmFile> file = file(path);
        Optional<LgmpHeader> header = file.filter(f -> view.running() && f.exists() && (f.type().equals("regular file")
                || f.type().equals("character device"))).flatMap(f -> header(path));
        return new VmFacts(view, xml, file, header);
    }

    private Optional<ShmFile> file(Path path) {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, "unix:mode,uid,size", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.of(ShmFile.missing());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        int raw = (Integer) unix.get("mode");
        int uid = (Integer) unix.get("uid");
        String type = type(raw);
        String owner;
        try {
            owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            owner = Integer.toString(uid);
        }
        List<String> aclUsers = new ArrayList<>();
        String label = "";
        if (type.equals("regular file") || type.equals("character device")) {
            try {
                LinuxFiles files = LinuxFiles.load();
                try (LinuxFiles.Handle dir = files.openDirectoryNoFollow(path.getParent());
                        LinuxFiles.Handle handle = files.openNoFollow(dir, path.getFileName().toString())) {
                    Optional<byte[]> acl = files.readXattr(handle, PosixAclXattr.NAME);
                    if (acl.isPresent()) {
                        PosixAcl decoded = PosixAclXattr.decode(acl.get());
                        for (AclEntry entry : decoded.entries()) {
                            if (entry.tag() == AclEntry.Tag.USER && decoded.grantsReadWriteToNamedUser(entry.qualifier())) {
                                aclUsers.add(files.userNameOf(entry.qualifier()).orElse(Integer.toUnsignedString(entry.qualifier())));
                            }
                        }
                    }
                    label = files.readXattr(handle, "security.selinux")
                            .map(b -> new String(b, StandardCharsets.UTF_8).replace("\0", "")).orElse("");
                }
            } catch (SystemCallException | MalformedAclException | RuntimeException e) {
                // not allowed to open it, or no ACL support: the checks say what could not be seen
            }
        }
        int mode = raw & 07777;
        long size = ((Number) unix.get("size")).longValue();
        String user = host.invokingUser();
        boolean canReadWrite = user.equals("root") || user.equals(owner) ? (user.equals("root") || (mode & 0600) == 0600)
                : aclUsers.contains(user) || (mode & 0006) == 0006;
        return Optional.of(new ShmFile(true, type, owner, mode, size, aclUsers, label, Optional.of(canReadWrite)));
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
    private static Optional<LgmpHeader> header(Path path) {
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

    /** The text, "" when the file does not exist, empty when it exists but could not be read. */
    private static Optional<String> readUnlessDenied(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.of("");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
