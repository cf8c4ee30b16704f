package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.VmChecks.id;
import static io.github.lgmanager.admin.doctor.VmChecks.octal;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.daemon.vm.VmView;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks for a VM whose shared memory is a kvmfr device: the module, the device node, libvirt's device ACL. Pure functions. */
public final class KvmfrChecks {
    private static final Pattern CGROUP_ACL = Pattern.compile("(?m)^\\s*cgroup_device_acl\\s*=\\s*\\[([^\\]]*)\\]");

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
}
