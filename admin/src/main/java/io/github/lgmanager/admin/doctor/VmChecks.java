// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks about one VM and its shared memory; pure functions over {@link HostFacts} and {@link VmFacts}. */
public final class VmChecks {
    private static final Pattern BALLOON_NONE = Pattern.compile("<memballoon\\b[^>]*\\bmodel=['\"]none['\"]");
    private static final Pattern BALLOON = Pattern.compile("<memballoon\\b");

    private VmChecks() {
    }

    /**
     * Every check of one VM.
     *
     * @param everyVm all VMs doctor sees (not only those checked), for the checks that compare VMs
     */
    public static List<Check> all(HostFacts h, VmFacts v, List<VmView> everyVm) {
        List<Check> checks = new ArrayList<>();
        checks.add(device(v));
        if (!v.view().enabled()) {
            return checks;
        }
        checks.add(size(v));
        checks.add(SharingChecks.shared(h, v.view(), everyVm));
        checks.add(VmSpiceChecks.spice(v));
        checks.add(VmSpiceChecks.access(h, v));
        checks.add(memballoon(v));
        checks.add(tmpfiles(h, v));
        checks.add(protectedRegular(h, v));
        if (v.view().mode().equals("kvmfr")) {
            checks.add(KvmfrChecks.kvmfrModule(h, v));
            checks.add(KvmfrChecks.kvmfrDevice(v));
            checks.add(KvmfrChecks.udevRule(h, v));
            checks.add(KvmfrChecks.kvmfrCgroup(h, v));
        } else {
            checks.add(VmFileChecks.file(v));
            checks.add(VmFileChecks.owner(h, v));
            checks.add(VmFileChecks.acl(v));
        }
        checks.add(VmFileChecks.exposure(h, v));
        checks.add(VmFileChecks.access(h, v));
        checks.add(apparmor(h, v));
        checks.add(selinux(h, v));
        checks.add(hostApplication(h, v));
        return checks;
    }

    static Check.Subject id(VmView vm, String what) {
        return new Check.Subject(what, vm.name());
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
                // libvirt labels the file for the running VM; a file waiting for the next start says nothing yet
                Optional<ShmFile> f = v.file().filter(file -> vm.running() && file.exists());
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
            return Check.skip(id(vm, "host app"), "not checked: VM shut off");
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

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
