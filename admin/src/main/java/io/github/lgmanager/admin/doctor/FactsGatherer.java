// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.Host;
import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.libvirt.QemuConf;
import io.github.lgmanager.core.vm.VmView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what doctor needs from the machine, never writing anything: files under the host's root, the shared
 * memory (opened read-only, without following links), and looking-glass-client's version.
 */
public final class FactsGatherer {
    private final Host host;
    private Accounts accounts;

    public FactsGatherer(Host host) {
        this.host = host;
    }

    /** Read once per run: the host's facts and each VM's file use them. */
    private Accounts accounts() {
        if (accounts == null) {
            accounts = Accounts.parse(read(host.path("etc/passwd")), read(host.path("etc/group")),
                    read(host.path("etc/login.defs")));
        }
        return accounts;
    }

    public HostFacts host(String backend, boolean direct, String backendProblem, String libvirtProblem) {
        Optional<String> qemuConf = readUnlessDenied(host.path("etc/libvirt/qemu.conf"));
        String qemuUser = qemuConf.flatMap(FactsGatherer::qemuUser).orElse("libvirt-qemu");
        Optional<String> client = onPath("looking-glass-client");
        return new HostFacts(backend, direct, backendProblem, libvirtProblem, host.invokingUser(),
                qemuUser, sysctl("protected_regular"),
                sysctl("protected_symlinks"), sysctl("protected_hardlinks"),
                read(host.path("sys/module/apparmor/parameters/enabled")).strip().equals("Y"),
                read(host.path("etc/apparmor.d/abstractions/libvirt-qemu")) + "\n"
                        + read(host.path("etc/apparmor.d/local/abstractions/libvirt-qemu")),
                dpkgVersion(read(host.path("var/lib/dpkg/status")), "libvirt-daemon"), selinuxMode(), tmpfiles(),
                Files.isDirectory(host.path("sys/module/kvmfr")), kvmfrDevices(), kvmfrUdevRules(), accounts(), qemuConf, client,
                client.flatMap(path -> ClientVersion.read(Path.of(path))));
    }

    /** qemu.conf's user, read as libvirtd reads it; empty when unset or the file is not valid. */
    private static Optional<String> qemuUser(String qemuConf) {
        try {
            return QemuConf.parse(qemuConf).string("user").filter(u -> !u.isBlank());
        } catch (QemuConf.SyntaxException e) {
            return Optional.empty();
        }
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

    /** udev's rules for kvmfr; the first folder with a file of a name wins, as udev orders them. */
    private List<UdevRule> kvmfrUdevRules() {
        Map<String, Path> byName = new TreeMap<>();
        for (String folder : List.of("etc/udev/rules.d", "run/udev/rules.d", "usr/lib/udev/rules.d", "lib/udev/rules.d")) {
            try (Stream<Path> files = Files.list(host.path(folder))) {
                files.filter(f -> f.getFileName().toString().endsWith(".rules"))
                        .forEach(f -> byName.putIfAbsent(f.getFileName().toString(), f));
            } catch (IOException | RuntimeException e) {
                // a folder that is not there holds no rules
            }
        }
        List<UdevRule> rules = new ArrayList<>();
        byName.values().forEach(file -> {
            String text = read(file);
            if (text.contains("kvmfr")) {
                String shown = "/" + host.root().relativize(file);
                UdevRule.parse(shown, text).stream().filter(UdevRule::matchesKvmfr).forEach(rules::add);
            }
        });
        return rules;
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
            return new VmFacts(view, xml, Optional.empty(), Optional.empty(), spice(view, xml));
        }
        Path path = Path.of(view.shmPath());
        Optional<ShmFile> file = new ShmFileReader(host.invokingUser(), host.path("usr/bin/getfacl"), accounts()).read(path);
        Optional<LgmpHeader> header = file.filter(f -> view.running() && f.exists() && (f.type().equals("regular file")
                || f.type().equals("character device"))).flatMap(f -> ShmFileReader.header(path));
        return new VmFacts(view, xml, file, header, spice(view, xml));
    }

    /**
     * The SPICE graphics with whether it has a password: libvirt keeps the VM's XML with passwords in files only root
     * may read (the running VM's status under /run, its definition under /etc); without them, the XML doctor was
     * given, which has no passwords.
     */
    private Optional<SpiceGraphics> spice(VmView view, String xml) {
        String name = view.name();
        if (!name.isEmpty() && !name.contains("/") && !name.startsWith(".")) {
            String definition = "etc/libvirt/qemu/" + name + ".xml";
            List<String> files = view.running() ? List.of("run/libvirt/qemu/" + name + ".xml", definition) : List.of(definition);
            for (String file : files) {
                String secure = read(host.path(file));
                if (!secure.isEmpty()) {
                    return SpiceGraphics.parse(secure, true);
                }
            }
        }
        return SpiceGraphics.parse(xml, false);
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
