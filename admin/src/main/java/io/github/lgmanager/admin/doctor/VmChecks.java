package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.daemon.vm.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks about one VM and its shared memory; pure functions over {@link HostFacts} and {@link VmFacts}. */
public final class VmChecks {
    private static final Pattern SPICE = Pattern.compile("<graphics\\b[^>]*\\btype=['\"]spice['\"]");
    private static final Pattern BALLOON_NONE = Pattern.compile("<memballoon\\b[^>]*\\bmodel=['\"]none['\"]");
    private static final Pattern BALLOON = Pattern.compile("<memballoon\\b");
    private static final Pattern CGROUP_ACL = Pattern.compile("(?m)^\\s*cgroup_device_acl\\s*=\\s*\\[([^\\]]*)\\]");

    private VmChecks() {
    }

    public static List<Check> all(HostFacts h, VmFacts v) {
        List<Check> checks = new ArrayList<>();
        checks.add(device(v));
        if (!v.view().enabled()) {
            return checks;
        }
        checks.add(size(v));
        checks.add(spice(v));
        checks.add(memballoon(v));
        checks.add(tmpfiles(h, v));
        checks.add(protectedRegular(h, v));
        if (v.view().mode().equals("kvmfr")) {
            checks.add(kvmfrModule(h, v));
            checks.add(kvmfrDevice(v));
            checks.add(kvmfrCgroup(h, v));
        } else {
            checks.add(file(v));
            checks.add(owner(h, v));
            checks.add(acl(v));
        }
        checks.add(access(h, v));
        checks.add(apparmor(h, v));
        checks.add(selinux(h, v));
        checks.add(hostApplication(h, v));
        return checks;
    }

    private static String id(VmView vm, String what) {
        return vm.name() + ": " + what;
    }

    public static Check device(VmFacts v) {
        VmView vm = v.view();
        if (!vm.enabled()) {
            return Check.fail(id(vm, "device"), "Looking Glass is not enabled for this VM",
                    "lg-admin enable " + vm.name() + " --resolution RES (try --dry-run first)");
        }
        if (vm.shmSizeMiB() == 0) {
            return Check.fail(id(vm, "device"), "Looking Glass is enabled but the definition has no " + vm.mode()
                    + " device", "lg-admin enable " + vm.name() + " (adds it back)");
        }
        if (vm.pendingRestart()) {
            return Check.warn(id(vm, "device"), vm.mode() + " device " + vm.shmPath() + " in the definition differs"
                    + " from the running VM's", "restart the VM (shut it down, then start it) to apply the definition");
        }
        return Check.pass(id(vm, "device"), vm.mode() + " device " + vm.shmPath());
    }

    public static Check size(VmFacts v) {
        VmView vm = v.view();
        String res = vm.width() + "x" + vm.height() + (vm.hdr() ? " HDR" : "");
        if (vm.shmSizeMiB() < vm.requiredSizeMiB()) {
            return Check.fail(id(vm, "size"), vm.shmSizeMiB() + " MiB is too small for " + res + " (needs "
                    + vm.requiredSizeMiB() + " MiB; the client says \"IVSHMEM too small\")",
                    "lg-admin resize " + vm.name() + " --resolution " + vm.width() + "x" + vm.height()
                            + (vm.hdr() ? " --hdr" : "") + ", then restart the VM");
        }
        if (vm.shmSizeMiB() > 2 * vm.requiredSizeMiB()) {
            return Check.warn(id(vm, "size"), vm.shmSizeMiB() + " MiB is more than twice what " + res + " needs ("
                    + vm.requiredSizeMiB() + " MiB): guest memory wasted",
                    "lg-admin resize " + vm.name() + " --resolution RES for the resolution the guest really uses");
        }
        return Check.pass(id(vm, "size"), vm.shmSizeMiB() + " MiB for " + res + " (needs " + vm.requiredSizeMiB() + ")");
    }

    public static Check spice(VmFacts v) {
        VmView vm = v.view();
        if (!SPICE.matcher(v.xml()).find()) {
            return Check.warn(id(vm, "spice"), "no SPICE graphics: the client shows the display but cannot send"
                    + " keyboard, mouse or clipboard", "lg-admin enable " + vm.name() + " --with-spice");
        }
        Optional<String> port = clientOption(vm, "spice:port");
        Optional<String> host = clientOption(vm, "spice:host");
        if (vm.running() && !vm.spiceHost().isEmpty()) {
            String actualPort = Integer.toString(vm.spicePort());
            if (port.isPresent() && !port.get().equals(actualPort) || host.isPresent() && !host.get().equals(vm.spiceHost())) {
                return Check.fail(id(vm, "spice"), "client options point at SPICE " + host.orElse(vm.spiceHost()) + ":"
                        + port.orElse(actualPort) + " but the VM listens on " + vm.spiceHost() + ":" + actualPort,
                        "lg-admin set " + vm.name() + " --client-option ... without spice:host/spice:port (lg-tray"
                                + " passes the VM's own)");
            }
        }
        return Check.pass(id(vm, "spice"), vm.running() && !vm.spiceHost().isEmpty()
                ? "SPICE on " + vm.spiceHost() + (vm.spicePort() == 0 ? "" : ":" + vm.spicePort()) : "SPICE graphics present");
    }

    private static Optional<String> clientOption(VmView vm, String key) {
        return vm.clientOptions().stream().filter(o -> o.startsWith(key + "=")).map(o -> o.substring(key.length() + 1))
                .findFirst();
    }

    public static Check memballoon(VmFacts v) {
        VmView vm = v.view();
        if (BALLOON_NONE.matcher(v.xml()).find() || !BALLOON.matcher(v.xml()).find()) {
            return Check.pass(id(vm, "memballoon"), "no memory balloon");
        }
        return Check.warn(id(vm, "memballoon"), "a memory balloon is configured (slow with VFIO passthrough)",
                "lg-admin enable " + vm.name() + " --no-memballoon");
    }

    /** A tmpfiles.d line for our path makes the file exist before QEMU, owned by someone else. */
    public static Check tmpfiles(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        for (HostFacts.TmpfilesLine line : h.tmpfiles()) {
            if (line.path().equals(vm.shmPath())) {
                return Check.fail(id(vm, "tmpfiles"), line.file() + ":" + line.number() + " creates " + vm.shmPath()
                        + " (\"" + line.text().strip() + "\")", "delete that line (lg-daemon grants the VM's users"
                        + " access on every start), then with the VM shut off: rm " + vm.shmPath());
            }
        }
        if (h.tmpfiles().isEmpty()) {
            return Check.pass(id(vm, "tmpfiles"), "no tmpfiles.d files");
        }
        return Check.pass(id(vm, "tmpfiles"), "no tmpfiles.d line creates " + vm.shmPath());
    }

    /**
     * With fs.protected_regular, O_CREAT on an existing file in sticky, world-writable /dev/shm fails unless the
     * opener owns it: a file pre-created for the desktop user stops QEMU from starting.
     */
    public static Check protectedRegular(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        if (h.protectedRegular().isEmpty()) {
            return Check.warn(id(vm, "protected_regular"), "cannot read fs.protected_regular",
                    "sysctl fs.protected_regular (expect 0, 1 or 2)");
        }
        int value = h.protectedRegular().getAsInt();
        Optional<ShmFile> file = v.file().filter(ShmFile::exists);
        boolean foreign = file.isPresent() && vm.mode().equals("shm") && !file.get().owner().equals(h.qemuUser())
                && !file.get().owner().equals("root");
        if (value >= 1 && foreign) {
            return Check.fail(id(vm, "protected_regular"), "fs.protected_regular=" + value + " and " + vm.shmPath()
                    + " is owned by " + file.get().owner() + ": QEMU (" + h.qemuUser() + ") cannot open it at start",
                    "with the VM shut off: rm " + vm.shmPath() + " and remove what pre-creates it (tmpfiles.d, hook"
                            + " scripts); lg-daemon grants access instead");
        }
        return Check.pass(id(vm, "protected_regular"), "fs.protected_regular=" + value
                + (value >= 1 ? "; the file is not pre-created by another user" : ""));
    }

    public static Check file(VmFacts v) {
        VmView vm = v.view();
        if (!vm.running()) {
            return Check.pass(id(vm, "file"), "VM shut off: " + vm.shmPath() + " is checked while the VM runs");
        }
        if (v.file().isEmpty()) {
            return Check.warn(id(vm, "file"), "could not look at " + vm.shmPath(), "run lg-admin doctor as root");
        }
        ShmFile f = v.file().get();
        if (!f.exists()) {
            return Check.fail(id(vm, "file"), vm.shmPath() + " does not exist although the VM runs",
                    "restart the VM; if it stays missing check the <shmem> name with lg-admin show " + vm.name() + " --xml");
        }
        if (!f.type().equals("regular file")) {
            return Check.fail(id(vm, "file"), vm.shmPath() + " is a " + f.type() + ", not a regular file",
                    "shut the VM off, remove " + vm.shmPath() + " and start the VM again");
        }
        long expected = vm.shmSizeMiB() * 1024 * 1024;
        if (f.size() < expected) {
            return Check.fail(id(vm, "file"), vm.shmPath() + " has " + f.size() + " bytes, less than the "
                    + vm.shmSizeMiB() + " MiB configured (a leftover from before a resize)",
                    "shut the VM off, rm " + vm.shmPath() + ", start the VM");
        }
        return Check.pass(id(vm, "file"), vm.shmPath() + " exists, " + f.size() / (1024 * 1024) + " MiB");
    }

    public static Check owner(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Optional<ShmFile> f = v.file().filter(ShmFile::exists);
        if (!vm.running() || f.isEmpty()) {
            return Check.pass(id(vm, "owner"), "not checked: " + (vm.running() ? "no file" : "VM shut off"));
        }
        if (f.get().owner().equals(h.qemuUser())) {
            return Check.pass(id(vm, "owner"), "owned by " + h.qemuUser() + " (QEMU), mode " + octal(f.get().mode()));
        }
        return Check.fail(id(vm, "owner"), vm.shmPath() + " is owned by " + f.get().owner() + ", expected "
                + h.qemuUser() + " (QEMU created it, or something planted it): lg-daemon refuses to grant access",
                "shut the VM off, rm " + vm.shmPath() + " and remove what creates it (tmpfiles.d, chown in hook"
                        + " scripts); start the VM");
    }

    public static Check acl(VmFacts v) {
        VmView vm = v.view();
        Optional<ShmFile> f = v.file().filter(ShmFile::exists);
        if (vm.users().isEmpty()) {
            return Check.warn(id(vm, "acl"), "the VM has no users, so nobody is granted access",
                    "lg-admin set " + vm.name() + " --user USER");
        }
        if (!vm.running() || f.isEmpty()) {
            return Check.pass(id(vm, "acl"), "not checked: " + (vm.running() ? "no file" : "VM shut off")
                    + "; users " + String.join(", ", vm.users()));
        }
        List<String> missing = vm.users().stream().filter(u -> !f.get().aclUsers().contains(u)).toList();
        if (!missing.isEmpty()) {
            return Check.fail(id(vm, "acl"), "the ACL of " + vm.shmPath() + " does not grant " + String.join(", ", missing)
                    + " read/write" + (vm.lastError().isEmpty() ? "" : " (lg-daemon: " + vm.lastError() + ")"),
                    "check that lg-daemon runs (it grants on every VM start): systemctl status lg-daemon; then"
                            + " restart the VM");
        }
        return Check.pass(id(vm, "acl"), "ACL grants " + String.join(", ", vm.users()) + " read/write");
    }

    public static Check access(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Optional<ShmFile> f = v.file().filter(ShmFile::exists);
        String user = h.invokingUser();
        if (!vm.running() || f.isEmpty() || f.get().invokingUserCanReadWrite().isEmpty()) {
            return Check.pass(id(vm, "access"), "not checked for " + user + ": " + (vm.running() ? "file not examined"
                    : "VM shut off"));
        }
        if (f.get().invokingUserCanReadWrite().get()) {
            return Check.pass(id(vm, "access"), user + " can open " + vm.shmPath() + " read/write");
        }
        if (!vm.users().contains(user)) {
            return Check.warn(id(vm, "access"), user + " cannot open " + vm.shmPath() + " and is not one of the VM's"
                    + " users", "lg-admin set " + vm.name() + " --user " + user + (vm.users().isEmpty() ? ""
                    : " " + String.join(" ", vm.users().stream().map(u -> "--user " + u).toList())));
        }
        return Check.fail(id(vm, "access"), user + " cannot open " + vm.shmPath() + " (the client says \"Failed to"
                + " open\" / \"Permission denied\")", "check that lg-daemon runs, then restart the VM");
    }

    public static Check kvmfrModule(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        if (h.kvmfrLoaded()) {
            return Check.pass(id(vm, "kvmfr module"), "kvmfr is loaded");
        }
        return Check.fail(id(vm, "kvmfr module"), "the kvmfr kernel module is not loaded",
                "modprobe kvmfr static_size_mb=" + vm.shmSizeMiB() + " and persist it in /etc/modprobe.d/kvmfr.conf"
                        + " and /etc/modules-load.d/kvmfr.conf");
    }

    public static Check kvmfrDevice(VmFacts v) {
        VmView vm = v.view();
        if (v.file().isEmpty()) {
            return Check.warn(id(vm, "kvmfr device"), "could not look at " + vm.shmPath(), "run lg-admin doctor as root");
        }
        ShmFile f = v.file().get();
        if (!f.exists()) {
            return Check.fail(id(vm, "kvmfr device"), vm.shmPath() + " does not exist",
                    "modprobe kvmfr static_size_mb=" + vm.shmSizeMiB());
        }
        if (!f.type().equals("character device")) {
            return Check.fail(id(vm, "kvmfr device"), vm.shmPath() + " is a " + f.type() + " (the VM started before"
                    + " the module was loaded)", "shut the VM off, rm " + vm.shmPath() + ", modprobe kvmfr, start the VM");
        }
        if (f.invokingUserCanReadWrite().isPresent() && !f.invokingUserCanReadWrite().get()) {
            return Check.warn(id(vm, "kvmfr device"), vm.shmPath() + " is mode " + octal(f.mode()) + " owned by "
                    + f.owner() + ": the desktop user cannot open it", "udev rule: SUBSYSTEM==\"kvmfr\", OWNER=\"USER\","
                    + " GROUP=\"kvm\", MODE=\"0660\" in /etc/udev/rules.d/99-kvmfr.rules");
        }
        return Check.pass(id(vm, "kvmfr device"), vm.shmPath() + " is a character device, mode " + octal(f.mode()));
    }

    public static Check kvmfrCgroup(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Matcher m = CGROUP_ACL.matcher(h.qemuConf());
        if (m.find()) {
            if (m.group(1).contains("\"" + vm.shmPath() + "\"")) {
                return Check.pass(id(vm, "cgroup_device_acl"), vm.shmPath() + " is in qemu.conf's cgroup_device_acl");
            }
            return Check.fail(id(vm, "cgroup_device_acl"), "qemu.conf's cgroup_device_acl lacks " + vm.shmPath(),
                    "add \"" + vm.shmPath() + "\" to cgroup_device_acl in /etc/libvirt/qemu.conf and restart libvirtd");
        }
        return Check.warn(id(vm, "cgroup_device_acl"), "qemu.conf sets no cgroup_device_acl: libvirt's default list"
                + " has no " + vm.shmPath(), "set cgroup_device_acl in /etc/libvirt/qemu.conf to libvirt's default list"
                + " plus \"" + vm.shmPath() + "\" and restart libvirtd");
    }

    public static Check apparmor(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        if (!h.apparmorEnabled()) {
            return Check.pass(id(vm, "apparmor"), "AppArmor is not active");
        }
        if (h.apparmorLocal().contains(vm.shmPath())) {
            return Check.pass(id(vm, "apparmor"), "AppArmor active; the libvirt-qemu abstraction allows " + vm.shmPath());
        }
        Optional<int[]> version = majorMinor(h.libvirtVersion());
        String rule = "add \"" + vm.shmPath() + " rw,\" to /etc/apparmor.d/local/abstractions/libvirt-qemu and"
                + " reload AppArmor (systemctl reload apparmor)";
        if (version.isEmpty()) {
            return Check.warn(id(vm, "apparmor"), "AppArmor active; libvirt's version is unknown, so whether its"
                    + " profile covers " + vm.shmPath() + " is unknown", rule);
        }
        int[] mm = version.get();
        if (mm[0] > 5 || mm[0] == 5 && mm[1] >= 10) {
            return Check.pass(id(vm, "apparmor"), "AppArmor active; libvirt " + h.libvirtVersion() + " adds the"
                    + " <shmem> path to each VM's profile (virt-aa-helper)");
        }
        return Check.fail(id(vm, "apparmor"), "AppArmor active and libvirt " + h.libvirtVersion() + " (before 5.10)"
                + " does not allow " + vm.shmPath(), rule);
    }

    public static Check selinux(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        switch (h.selinuxMode()) {
            case "enforcing" -> {
                Optional<ShmFile> f = v.file().filter(ShmFile::exists);
                if (f.isEmpty() || f.get().selinuxLabel().isEmpty()) {
                    return Check.warn(id(vm, "selinux"), "SELinux enforcing; the label of " + vm.shmPath()
                            + " is unknown", "ls -Z " + vm.shmPath() + " while the VM runs (expect svirt_tmpfs_t)");
                }
                String label = f.get().selinuxLabel();
                if (label.contains("svirt")) {
                    return Check.pass(id(vm, "selinux"), "SELinux enforcing; label " + label);
                }
                return Check.fail(id(vm, "selinux"), "SELinux enforcing and " + vm.shmPath() + " is labelled " + label,
                        "semanage fcontext -a -t svirt_tmpfs_t " + vm.shmPath() + " && restorecon " + vm.shmPath());
            }
            case "permissive" -> {
                return Check.warn(id(vm, "selinux"), "SELinux permissive: denials are only logged",
                        "check ausearch -m avc for " + vm.shmPath() + " before switching to enforcing");
            }
            default -> {
                return Check.pass(id(vm, "selinux"), "SELinux is not active");
            }
        }
    }

    /** The header the Windows host application writes, compared with the installed client. */
    public static Check hostApplication(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        if (!vm.running()) {
            return Check.pass(id(vm, "host app"), "not checked: VM shut off");
        }
        if (v.header().isEmpty()) {
            return Check.warn(id(vm, "host app"), "could not read the shared memory header of " + vm.shmPath(),
                    "run lg-admin doctor as root, or as one of the VM's users");
        }
        LgmpHeader header = v.header().get();
        switch (header.state()) {
            case EMPTY -> {
                return Check.warn(id(vm, "host app"), "the Looking Glass host application has not written to "
                        + vm.shmPath() + " (not running in Windows)", "install and start the host application in"
                        + " the guest (looking-glass-host.exe, same release as the client)");
            }
            case FOREIGN -> {
                return Check.warn(id(vm, "host app"), vm.shmPath() + " does not start with an LGMP header",
                        "start the Looking Glass host application in the guest");
            }
            case OLD_LAYOUT -> {
                return Check.fail(id(vm, "host app"), "host application speaks LGMP " + header.lgmpVersion()
                        + " (before B6)", "install the same Looking Glass release in the guest as on this machine");
            }
            default -> {
                String found = "host " + header.hostVersion() + " (LGMP " + header.lgmpVersion() + ", KVMFR "
                        + header.kvmfrVersion() + ")";
                if (h.clientVersion().isPresent()) {
                    String client = h.clientVersion().get();
                    Optional<Long> expected = LgmpHeader.kvmfrVersionOf(client);
                    boolean mismatch = expected.map(k -> k != header.kvmfrVersion())
                            .orElse(!header.hostVersion().contains(client));
                    if (mismatch) {
                        return Check.fail(id(vm, "host app"), found + " does not match looking-glass-client " + client
                                + " (the client says \"Expected KVMFR version ...\")", "install the same release on"
                                + " both sides: host " + header.hostVersion() + " vs client " + client);
                    }
                    return Check.pass(id(vm, "host app"), found + ", matches looking-glass-client " + client);
                }
                return Check.pass(id(vm, "host app"), found);
            }
        }
    }

    static Optional<int[]> majorMinor(String version) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version == null ? "" : version);
        return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
                : Optional.empty();
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
