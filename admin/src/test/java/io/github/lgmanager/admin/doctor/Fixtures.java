// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** A healthy setup, and small changes to it, for the checks' unit tests. */
final class Fixtures {
    static final String XML = "<domain type='kvm'><devices><graphics type='spice' autoport='yes'/>"
            + "<memballoon model='none'/><shmem name='looking-glass'/></devices></domain>";

    /** SPICE on loopback TCP with a password, as libvirt's own file for the VM shows it to root. */
    /** SPICE as lg-admin enable --with-spice leaves it: on a UNIX socket, no password (B7 cannot send one). */
    static final SpiceGraphics SPICE_ON_SOCKET = new SpiceGraphics("socket", "", 0, Optional.of(false));

    private Fixtures() {
    }

    static HostFacts host() {
        return new HostFactsBuilder().build();
    }

    /** The healthy host with some facts changed, e.g. {@code host(h -> h.kvmfrLoaded = true)}. */
    static HostFacts host(Consumer<HostFactsBuilder> change) {
        HostFactsBuilder b = new HostFactsBuilder();
        change.accept(b);
        return b.build();
    }

    static VmView vm() {
        return new VmView("u-1", "win11", true, true, "shm", "/dev/shm/looking-glass", 32, 32, 1920, 1080, false, "b7",
                List.of("alice"), List.of("alice"), List.of(), "127.0.0.1", 5900, true, "", false);
    }

    static ShmFile file() {
        return new ShmFile(true, "regular file", "libvirt-qemu", 0660, 32L << 20, List.of("alice"), "", Optional.of(true),
                "libvirt-qemu", Optional.of(acl("user::rw-", "user:alice:rw-", "group::---", "mask::rw-", "other::---")), "");
    }

    static VmFacts facts() {
        return new VmFacts(vm(), XML, Optional.of(file()), Optional.of(LgmpHeader.parse(LgmpHeader.write(6, 20, "B7", 0))),
                Optional.of(SPICE_ON_SOCKET));
    }

    static VmFacts facts(VmView vm) {
        VmFacts f = facts();
        return new VmFacts(vm, f.xml(), f.file(), f.header(), f.spice());
    }

    static VmFacts facts(ShmFile file) {
        VmFacts f = facts();
        return new VmFacts(f.view(), f.xml(), Optional.of(file), f.header(), f.spice());
    }

    static VmFacts xml(String xml) {
        VmFacts f = facts();
        return new VmFacts(f.view(), xml, f.file(), f.header(), SpiceGraphics.parse(xml, false));
    }

    static VmView stopped() {
        VmView v = vm();
        return new VmView(v.uuid(), v.name(), false, true, v.mode(), v.shmPath(), v.shmSizeMiB(), v.requiredSizeMiB(),
                v.width(), v.height(), v.hdr(), v.formula(), v.users(), v.autoOpenUsers(), v.clientOptions(), "", 0, false,
                "", false);
    }

    static VmView sized(long shmMiB, long requiredMiB) {
        VmView v = vm();
        return new VmView(v.uuid(), v.name(), v.running(), true, v.mode(), v.shmPath(), shmMiB, requiredMiB, v.width(),
                v.height(), v.hdr(), v.formula(), v.users(), v.autoOpenUsers(), v.clientOptions(), v.spiceHost(),
                v.spicePort(), v.aclApplied(), "", false);
    }

    static VmView kvmfr() {
        VmView v = vm();
        return new VmView(v.uuid(), v.name(), v.running(), true, "kvmfr", "/dev/kvmfr0", 32, 32, v.width(), v.height(),
                v.hdr(), v.formula(), v.users(), v.autoOpenUsers(), v.clientOptions(), v.spiceHost(), v.spicePort(),
                v.aclApplied(), "", false);
    }

    static VmView users(List<String> users, List<String> clientOptions) {
        VmView v = vm();
        return new VmView(v.uuid(), v.name(), v.running(), true, v.mode(), v.shmPath(), 32, 32, v.width(), v.height(),
                v.hdr(), v.formula(), users, v.autoOpenUsers(), clientOptions, v.spiceHost(), v.spicePort(), v.aclApplied(),
                "", false);
    }

    /** The healthy host with the facts the VM checks look at replaced. */
    static HostFacts host(OptionalInt protectedRegular, boolean apparmor, String local, String libvirt,
            String selinux, List<HostFacts.TmpfilesLine> tmpfiles, boolean kvmfr, String qemuConf) {
        HostFacts h = host();
        return with(h, protectedRegular, apparmor, local, libvirt, selinux, tmpfiles, kvmfr, qemuConf,
                h.clientPath(), h.clientVersion());
    }

    /** A file with these facts; its ACL entries follow from the mode and the users with read and write. */
    static ShmFile file(String type, String owner, int mode, long size, List<String> acl, String label,
            boolean canOpen) {
        List<AclLine> lines = new java.util.ArrayList<>(List.of(new AclLine("user", "", (mode >> 6) & 7)));
        acl.forEach(u -> lines.add(new AclLine("user", u, 6)));
        lines.add(new AclLine("group", "", acl.isEmpty() ? (mode >> 3) & 7 : 0));
        if (!acl.isEmpty()) {
            lines.add(new AclLine("mask", "", (mode >> 3) & 7));
        }
        lines.add(new AclLine("other", "", mode & 7));
        return new ShmFile(true, type, owner, mode, size, acl, label, Optional.of(canOpen), "libvirt-qemu",
                Optional.of(lines), "");
    }

    /** ACL entries in getfacl's syntax: "user:alice:rw-". */
    static List<AclLine> acl(String... entries) {
        return java.util.Arrays.stream(entries).map(e -> {
            String[] f = e.split(":", -1);
            int permissions = (f[2].charAt(0) == 'r' ? 4 : 0) | (f[2].charAt(1) == 'w' ? 2 : 0) | (f[2].charAt(2) == 'x' ? 1 : 0);
            return new AclLine(f[0], f[1], permissions);
        }).toList();
    }

    /** A file of that mode, group and ACL, owned by QEMU's user, the VM's size. */
    static ShmFile file(int mode, String group, List<AclLine> acl) {
        return new ShmFile(true, "regular file", "libvirt-qemu", mode, 32L << 20, ShmFileReader.readWriteUsers(acl), "",
                Optional.of(true), group, Optional.of(acl), "");
    }

    static HostFacts with(HostFacts h, OptionalInt protectedRegular, boolean apparmor, String apparmorLocal,
            String libvirtVersion, String selinux, List<HostFacts.TmpfilesLine> tmpfiles, boolean kvmfr, String qemuConf,
            Optional<String> client, Optional<String> clientVersion) {
        HostFactsBuilder b = new HostFactsBuilder(h);
        b.protectedRegular = protectedRegular;
        b.apparmorEnabled = apparmor;
        b.apparmorLocal = apparmorLocal;
        b.libvirtVersion = libvirtVersion;
        b.selinuxMode = selinux;
        b.tmpfiles = tmpfiles;
        b.kvmfrLoaded = kvmfr;
        b.qemuConf = Optional.of(qemuConf);
        b.clientPath = client;
        b.clientVersion = clientVersion;
        return b.build();
    }
}
