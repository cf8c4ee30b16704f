// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.core.libvirt.QemuConf;
import static io.github.lgmanager.admin.doctor.VmChecks.id;
import static io.github.lgmanager.admin.doctor.VmChecks.octal;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks for a VM whose shared memory is a kvmfr device: the module, the device node, libvirt's device ACL. Pure functions. */
public final class KvmfrChecks {
    /** What a kvmfr udev rule should assign: root keeps the device, QEMU reaches it through its group kvm. */
    static final List<UdevRule.Pair> CORRECT_OWNERSHIP = List.of(new UdevRule.Pair("GROUP", "=", "kvm"),
            new UdevRule.Pair("MODE", "=", "0660"));

    /** libvirt's list when qemu.conf sets none (the commented-out default in Debian 12's qemu.conf, libvirt 9.0). */
    static final List<String> DEFAULT_DEVICE_ACL = List.of("/dev/null", "/dev/full", "/dev/zero", "/dev/random",
            "/dev/urandom", "/dev/ptmx", "/dev/kvm");

    private KvmfrChecks() {
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
                    + f.owner() + ": the desktop user cannot open it", "udev rule: SUBSYSTEM==\"kvmfr\", GROUP=\"kvm\","
                    + " MODE=\"0660\" in /etc/udev/rules.d/99-kvmfr.rules, and lg-daemon running (it grants the VM's users"
                    + " by ACL at every start)");
        }
        return Check.pass(id(vm, "kvmfr device"), vm.shmPath() + " is a character device, mode " + octal(f.mode()));
    }

    /**
     * libvirt lets QEMU open only the devices in qemu.conf's cgroup_device_acl (its device cgroup): a kvmfr device
     * missing there makes QEMU fail at start with "Operation not permitted".
     */
    public static Check kvmfrCgroup(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Check.Subject id = id(vm, "cgroup_device_acl");
        String device = vm.shmPath();
        if (h.qemuConf().isEmpty()) {
            return Check.warn(id, "cannot read /etc/libvirt/qemu.conf (only root can), so whether its cgroup_device_acl"
                    + " has " + device + " is unknown", "sudo lg-admin doctor " + vm.name());
        }
        QemuConf conf;
        try {
            conf = QemuConf.parse(h.qemuConf().get());
        } catch (QemuConf.SyntaxException e) {
            return Check.warn(id, "cannot parse /etc/libvirt/qemu.conf, " + e.getMessage() + ", so whether"
                    + " cgroup_device_acl has " + device + " is unknown", "correct /etc/libvirt/qemu.conf line " + e.line()
                    + " (libvirtd reads it with the same syntax), then systemctl restart libvirtd");
        }
        Optional<QemuConf.Setting> setting = conf.setting("cgroup_device_acl");
        if (setting.isEmpty()) {
            return Check.warn(id, "qemu.conf sets no cgroup_device_acl: libvirt's default list has no " + device,
                    "set cgroup_device_acl in /etc/libvirt/qemu.conf to libvirt's default list plus \"" + device + "\": "
                            + listSetting(DEFAULT_DEVICE_ACL, device) + ", then systemctl restart libvirtd");
        }
        int line = setting.get().line();
        Optional<List<String>> devices = conf.strings("cgroup_device_acl");
        if (devices.isEmpty()) {
            return Check.fail(id, "qemu.conf's cgroup_device_acl (line " + line + ") is not a list of strings: libvirtd"
                    + " refuses it", "write it as a list in /etc/libvirt/qemu.conf: " + listSetting(DEFAULT_DEVICE_ACL, device)
                    + ", then systemctl restart libvirtd");
        }
        if (devices.get().contains(device)) {
            return Check.pass(id, device + " is in qemu.conf's cgroup_device_acl (line " + line + ")");
        }
        return Check.fail(id, "qemu.conf's cgroup_device_acl (line " + line + ") lacks " + device + ": QEMU cannot open it",
                "add \"" + device + "\" to cgroup_device_acl in /etc/libvirt/qemu.conf (line " + line + "), making it "
                        + listSetting(devices.get(), device) + ", then systemctl restart libvirtd");
    }

    /** {@code cgroup_device_acl = [ "/dev/null", ..., "/dev/kvmfr0" ]}, ready to paste. */
    private static String listSetting(List<String> devices, String added) {
        List<String> all = new ArrayList<>(devices);
        all.add(added);
        return "cgroup_device_acl = [ " + String.join(", ", all.stream().map(d -> "\"" + d + "\"").toList()) + " ]";
    }

    /**
     * systemd 258 refused OWNER= and GROUP= naming a non-system account in udev rules (260 accepts them again with a
     * warning and means to drop them): a rule giving the device to a desktop user can leave it root's alone. The
     * form udev keeps accepting gives it to QEMU's group; lg-daemon grants the VM's users by ACL.
     */
    public static Check udevRule(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Check.Subject id = id(vm, "kvmfr udev");
        if (h.kvmfrUdevRules().isEmpty()) {
            return Check.pass(id, "no udev rule for kvmfr (the device's owner and mode are checked above)");
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (UdevRule rule : h.kvmfrUdevRules()) {
            List<String> wrong = new ArrayList<>();
            rule.assigned("OWNER").filter(o -> !h.accounts().isSystemUser(o).orElse(false))
                    .ifPresent(o -> wrong.add("OWNER=\"" + o + "\""));
            rule.assigned("GROUP").filter(g -> !h.accounts().isSystemGroup(g).orElse(false))
                    .ifPresent(g -> wrong.add("GROUP=\"" + g + "\""));
            if (!wrong.isEmpty()) {
                problems.add(rule.file() + ":" + rule.line() + " sets " + String.join(" and ", wrong));
                fixes.add("in " + rule.file() + " line " + rule.line() + " write " + rule.with(CORRECT_OWNERSHIP));
            }
        }
        if (problems.isEmpty()) {
            return Check.pass(id, h.kvmfrUdevRules().size() + " kvmfr udev rule(s), none names a regular user or group");
        }
        return Check.warn(id, String.join("; ", problems) + ", which is not a local system account: systemd 258 and later"
                + " refuse (or warn about) that, and the device may stay root's alone",
                String.join("; ", fixes) + "; then udevadm control --reload && udevadm trigger --subsystem-match=kvmfr"
                        + " (lg-daemon grants the VM's users by ACL)");
    }
}
