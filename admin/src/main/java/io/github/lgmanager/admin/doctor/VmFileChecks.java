// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.VmChecks.id;
import static io.github.lgmanager.admin.doctor.VmChecks.octal;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;

/** Checks about the /dev/shm file itself: it exists, its owner, its ACL and who can open it. Pure functions. */
public final class VmFileChecks {
    private static final long MIB = 1024L * 1024L;
    /**
     * lg-daemon grants while a VM runs, not only at its start: when it starts it re-grants every running VM's
     * users (AdminE2E restarts it under a running guest and finds the grant back, the guest still up).
     */
    static final String REGRANT = "systemctl restart lg-daemon (it re-grants the users of every running VM; the guest"
            + " keeps running, no reboot), then look at its log: journalctl -u lg-daemon";

    private VmFileChecks() {
    }

    /**
     * The file exists while the VM runs, is a regular file and has the device's size; while the VM is shut off, a
     * file left at the name has the size the device will have. QEMU reuses an existing file and refuses to start
     * when its size differs ("backing store size ... does not match 'size' option", QEMU 7.2; newer QEMU refuses a
     * smaller one): a file left from before a resize blocks the next boot.
     */
    public static Check file(VmFacts v) {
        VmView vm = v.view();
        Check.Subject id = id(vm, "file");
        if (v.file().isEmpty()) {
            return Check.warn(id, "could not look at " + vm.shmPath(), "run lg-admin doctor as root");
        }
        ShmFile f = v.file().get();
        if (!f.exists()) {
            if (!vm.running()) {
                return Check.pass(id, "VM shut off, no " + vm.shmPath() + " (QEMU creates it at start)");
            }
            return Check.fail(id, vm.shmPath() + " does not exist although the VM runs",
                    "restart the VM; if it stays missing check the <shmem> name with lg-admin show " + vm.name() + " --xml");
        }
        if (!f.type().equals("regular file")) {
            return Check.fail(id, vm.shmPath() + " is a " + f.type() + ", not a regular file",
                    (vm.running() ? "shut the VM off, remove " + vm.shmPath() + " and start the VM again"
                            : "remove " + vm.shmPath() + " (rm " + vm.shmPath() + ") before starting the VM"));
        }
        long device = vm.shmSizeMiB() * MIB;
        if (vm.running() && vm.pendingRestart()) {
            return Check.pass(id, vm.shmPath() + " exists, " + size(f.size()) + " (not compared: the definition changed"
                    + " since the VM started)");
        }
        if (vm.running() && f.size() != device) {
            return Check.fail(id, vm.shmPath() + " holds " + size(f.size()) + ", the running VM's device is "
                    + size(device) + ": it is not the memory QEMU maps (replaced or truncated since the VM started)",
                    "shut " + vm.name() + " down, then systemctl restart lg-daemon (it recreates the file) or rm "
                            + vm.shmPath() + ", and start " + vm.name());
        }
        if (!vm.running() && f.size() > 0 && f.size() != device) {
            return Check.fail(id, vm.shmPath() + " holds " + size(f.size()) + ", the device is " + size(device)
                    + ": QEMU refuses to start with it ('backing store size ... does not match')",
                    "systemctl restart lg-daemon (it recreates the file), or while " + vm.name() + " is shut off: rm "
                            + vm.shmPath());
        }
        return Check.pass(id, vm.shmPath() + " exists, " + (f.size() == 0 ? "empty (QEMU sizes it at start)"
                : size(f.size())) + (vm.running() ? "" : ", VM shut off"));
    }

    /** "64 MiB", or the bytes when not a whole number of MiB. */
    static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }

    public static Check owner(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Optional<ShmFile> f = v.file().filter(ShmFile::exists);
        if (!vm.running() || f.isEmpty()) {
            return Check.skip(id(vm, "owner"), "not checked: " + (vm.running() ? "no file" : "VM shut off"));
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
            return Check.skip(id(vm, "acl"), "not checked: " + (vm.running() ? "no file" : "VM shut off")
                    + "; users " + String.join(", ", vm.users()));
        }
        if (f.get().acl().isEmpty()) {
            return Check.warn(id(vm, "acl"), "could not read the ACL of " + vm.shmPath() + " (" + f.get().aclProblem() + ")",
                    "sudo lg-admin doctor " + vm.name());
        }
        List<String> missing = vm.users().stream().filter(u -> !f.get().aclUsers().contains(u)).toList();
        if (!missing.isEmpty()) {
            return Check.fail(id(vm, "acl"), "the ACL of " + vm.shmPath() + " does not grant " + String.join(", ", missing)
                    + " read/write" + (vm.lastError().isEmpty() ? "" : " (lg-daemon: " + vm.lastError() + ")"),
                    REGRANT);
        }
        return Check.pass(id(vm, "acl"), "ACL grants " + String.join(", ", vm.users()) + " read/write");
    }

    public static Check access(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Optional<ShmFile> f = v.file().filter(ShmFile::exists);
        String user = h.invokingUser();
        if (!vm.running() || f.isEmpty() || f.get().invokingUserCanReadWrite().isEmpty()) {
            return Check.skip(id(vm, "access"), "not checked for " + user + ": " + (vm.running() ? "file not examined"
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
                + " open\" / \"Permission denied\")", REGRANT);
    }

    /**
     * Whoever can open the shared memory can read the guest's screen (and with w, scribble over it): only the
     * owner, QEMU and the VM's listed users should. Checked while the VM is shut off too, since the file keeps the
     * last frames and the next run reuses it.
     */
    public static Check exposure(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Check.Subject id = id(vm, "exposure");
        Optional<ShmFile> f = v.file().filter(file -> file.exists()
                && (file.type().equals("regular file") || file.type().equals("character device")));
        if (f.isEmpty()) {
            return Check.skip(id, "not checked: no file or device at " + vm.shmPath());
        }
        FileExposure e = FileExposure.of(f.get(), vm, h.qemuUser(), h.accounts());
        if (e.exposed()) {
            String fix = vm.mode().equals("kvmfr") ? String.join("; ", e.fixes())
                    : "systemctl restart lg-daemon (it " + (vm.running() ? "rewrites the whole ACL" : "recreates the file")
                            + "), or now: setfacl --set " + wholeAcl(vm.users()) + " " + vm.shmPath();
            return Check.fail(id, vm.shmPath() + " can be opened by " + joined(e.who()) + ", not only by "
                    + f.get().owner() + ", QEMU and the VM's users", fix);
        }
        if (e.unknown()) {
            return Check.warn(id, vm.shmPath() + " grants group-class rights " + AclLine.text((f.get().mode() >> 3) & 7)
                    + " to someone besides its owner, and its ACL could not be read (" + f.get().aclProblem() + ")",
                    "sudo lg-admin doctor " + vm.name());
        }
        return Check.pass(id, "nobody but " + f.get().owner() + ", QEMU and the VM's users"
                + (vm.users().isEmpty() ? "" : " (" + String.join(", ", vm.users()) + ")") + " can open " + vm.shmPath());
    }

    /** The ACL lg-daemon writes: owner and each user rw, nobody else anything. */
    private static String wholeAcl(List<String> users) {
        StringBuilder acl = new StringBuilder("u::rw-");
        users.forEach(u -> acl.append(",u:").append(u).append(":rw-"));
        acl.append(",g::---");
        if (!users.isEmpty()) {
            acl.append(",m::rw-");
        }
        return acl.append(",o::---").toString();
    }

    private static String joined(List<String> parts) {
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
