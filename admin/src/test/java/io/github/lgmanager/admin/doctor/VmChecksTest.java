// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static io.github.lgmanager.admin.doctor.Fixtures.file;
import static io.github.lgmanager.admin.doctor.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each check over facts: the healthy case passes, and each mistake is named with its fix. */
class VmChecksTest {
    private static final HostFacts HOST = Fixtures.host();

    @Test
    void aHealthySetupPassesEveryCheck() {
        List<Check> checks = VmChecks.all(HOST, Fixtures.facts(), List.of(Fixtures.vm()));
        assertTrue(checks.stream().allMatch(c -> c.status() == Status.PASS), checks.toString());
        assertEquals(16, checks.size(), checks.toString());
    }

    @Test
    void device() {
        assertCheck(Status.PASS, "", VmChecks.device(Fixtures.facts()));
        VmView off = new VmView("u", "lab", false, false, "shm", "/dev/shm/looking-glass", 0, 0, 1920, 1080, false, "b7",
                List.of(), List.of(), List.of(), "", 0, false, "", false);
        assertCheck(Status.FAIL, "lg-admin enable lab", VmChecks.device(Fixtures.facts(off)));
        assertCheck(Status.FAIL, "lg-admin enable win11", VmChecks.device(Fixtures.facts(Fixtures.sized(0, 32))));
        VmView pending = new VmView("u", "win11", true, true, "shm", "/dev/shm/looking-glass", 64, 64, 2560, 1440, false,
                "b7", List.of("alice"), List.of(), List.of(), "", 0, true, "", true);
        assertCheck(Status.WARN, "restart the VM", VmChecks.device(Fixtures.facts(pending)));
    }

    @Test
    void aHealthyKvmfrSetupPassesEveryCheck() {
        HostFacts host = Fixtures.host(h -> {
            h.kvmfrLoaded = true;
            h.kvmfrDevices = List.of("/dev/kvmfr0");
            h.kvmfrUdevRules = UdevRule.parse("/etc/udev/rules.d/99-kvmfr.rules",
                    "SUBSYSTEM==\"kvmfr\", GROUP=\"kvm\", MODE=\"0660\"\n");
            h.qemuConf = Optional.of("cgroup_device_acl = [\n  \"/dev/null\", \"/dev/kvm\",\n  \"/dev/kvmfr0\"\n]\n");
        });
        List<AclLine> acl = Fixtures.acl("user::rw-", "user:alice:rw-", "group::rw-", "mask::rw-", "other::---");
        VmFacts.ShmFile device = new VmFacts.ShmFile(true, "character device", "root", 0660, 0, List.of("alice"), "",
                Optional.of(true), "kvm", Optional.of(acl), "");
        VmFacts facts = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(device),
                Optional.of(LgmpHeader.parse(LgmpHeader.write(6, 20, "B7", 0))), Optional.of(Fixtures.SPICE_ON_SOCKET));
        List<Check> checks = VmChecks.all(host, facts, List.of(Fixtures.kvmfr()));
        assertTrue(checks.stream().allMatch(c -> c.status() == Status.PASS), checks.toString());
        assertEquals(17, checks.size(), checks.toString());
    }

    @Test
    void aDisabledVmGetsOnlyTheDeviceCheck() {
        VmView off = new VmView("u", "lab", false, false, "shm", "/dev/shm/looking-glass", 0, 0, 1920, 1080, false, "b7",
                List.of(), List.of(), List.of(), "", 0, false, "", false);
        assertEquals(1, VmChecks.all(HOST, Fixtures.facts(off), List.of(off)).size());
    }

    @Test
    void size() {
        assertCheck(Status.PASS, "", VmChecks.size(Fixtures.facts()));
        assertCheck(Status.FAIL, "lg-admin resize win11 --resolution 1920x1080", VmChecks.size(Fixtures.facts(Fixtures.sized(16, 32))));
        assertCheck(Status.WARN, "lg-admin resize win11", VmChecks.size(Fixtures.facts(Fixtures.sized(128, 32))));
    }

    @Test
    void memballoon() {
        assertCheck(Status.PASS, "", VmChecks.memballoon(Fixtures.facts()));
        assertCheck(Status.WARN, "--no-memballoon", VmChecks.memballoon(Fixtures.xml(
                "<domain><devices><memballoon model='virtio'/></devices></domain>")));
    }

    @Test
    void tmpfiles() {
        assertCheck(Status.PASS, "", VmChecks.tmpfiles(HOST, Fixtures.facts()));
        List<HostFacts.TmpfilesLine> lines = List.of(new HostFacts.TmpfilesLine("/etc/tmpfiles.d/10-looking-glass.conf", 2,
                "f /dev/shm/looking-glass 0660 alice kvm -"));
        Check c = VmChecks.tmpfiles(host(OptionalInt.of(1), false, "", "", "absent", lines, false, ""), Fixtures.facts());
        assertCheck(Status.FAIL, "delete that line", c);
        assertTrue(c.message().startsWith("/etc/tmpfiles.d/10-looking-glass.conf:2 creates"), c.message());
        List<HostFacts.TmpfilesLine> other = List.of(new HostFacts.TmpfilesLine("/etc/tmpfiles.d/x.conf", 1,
                "# f /dev/shm/looking-glass 0660 alice kvm -"));
        assertCheck(Status.PASS, "", VmChecks.tmpfiles(host(OptionalInt.of(1), false, "", "", "absent", other, false, ""),
                Fixtures.facts()));
    }

    @Test
    void protectedRegular() {
        assertCheck(Status.PASS, "", VmChecks.protectedRegular(HOST, Fixtures.facts()));
        VmFacts planted = Fixtures.facts(file("regular file", "alice", 0660, 32L << 20, List.of(), "", true));
        Check c = VmChecks.protectedRegular(HOST, planted);
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", c);
        assertTrue(c.message().contains("fs.protected_regular=1") && c.message().contains("alice"), c.message());
        assertCheck(Status.PASS, "", VmChecks.protectedRegular(host(OptionalInt.of(0), false, "", "", "absent", List.of(),
                false, ""), planted));
        assertCheck(Status.WARN, "sysctl", VmChecks.protectedRegular(host(OptionalInt.empty(), false, "", "", "absent",
                List.of(), false, ""), Fixtures.facts()));
    }

    @Test
    void kvmfrVmsGetKvmfrChecksInsteadOfFileChecks() {
        List<String> ids = VmChecks.all(HOST, new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.empty(), Optional.empty(), Optional.empty()),
                List.of(Fixtures.kvmfr()))
                .stream().map(Check::id).toList();
        assertTrue(ids.contains("vm.kvmfr.module") && !ids.contains("vm.shm-file.owner"), ids.toString());
    }

    @Test
    void apparmor() {
        assertCheck(Status.PASS, "", VmChecks.apparmor(HOST, Fixtures.facts()));
        assertCheck(Status.PASS, "", VmChecks.apparmor(host(OptionalInt.of(1), true, "", "9.0.0-4", "absent", List.of(),
                false, ""), Fixtures.facts()));
        assertCheck(Status.PASS, "", VmChecks.apparmor(host(OptionalInt.of(1), true, "/dev/shm/looking-glass rw,", "5.0.0",
                "absent", List.of(), false, ""), Fixtures.facts()));
        assertCheck(Status.FAIL, "/etc/apparmor.d/local/abstractions/libvirt-qemu", VmChecks.apparmor(host(OptionalInt.of(1),
                true, "", "5.0.0-1", "absent", List.of(), false, ""), Fixtures.facts()));
        assertCheck(Status.WARN, "/dev/shm/looking-glass rw,", VmChecks.apparmor(host(OptionalInt.of(1), true, "", "",
                "absent", List.of(), false, ""), Fixtures.facts()));
    }

    @Test
    void selinux() {
        assertCheck(Status.PASS, "", VmChecks.selinux(HOST, Fixtures.facts()));
        HostFacts enforcing = host(OptionalInt.of(1), false, "", "", "enforcing", List.of(), false, "");
        assertCheck(Status.PASS, "", VmChecks.selinux(enforcing, Fixtures.facts(file("regular file", "libvirt-qemu", 0644,
                32L << 20, List.of("alice"), "system_u:object_r:svirt_tmpfs_t:s0", true))));
        assertCheck(Status.FAIL, "svirt_tmpfs_t", VmChecks.selinux(enforcing, Fixtures.facts(file("regular file",
                "libvirt-qemu", 0644, 32L << 20, List.of("alice"), "system_u:object_r:tmpfs_t:s0", true))));
        assertCheck(Status.WARN, "ls -Z", VmChecks.selinux(enforcing, Fixtures.facts()));
        assertCheck(Status.WARN, "ausearch", VmChecks.selinux(host(OptionalInt.of(1), false, "", "", "permissive",
                List.of(), false, ""), Fixtures.facts()));
    }

    @Test
    void hostApplication() {
        Check ok = VmChecks.hostApplication(HOST, Fixtures.facts());
        assertCheck(Status.PASS, "", ok);
        assertTrue(ok.message().contains("host B7 (LGMP 6, KVMFR 20)"), ok.message());
        VmFacts empty = new VmFacts(Fixtures.vm(), Fixtures.XML, Optional.of(Fixtures.file()),
                Optional.of(LgmpHeader.parse(new byte[LgmpHeader.BYTES])), Optional.empty());
        assertCheck(Status.WARN, "start the host application", VmChecks.hostApplication(HOST, empty));
        VmFacts b6 = new VmFacts(Fixtures.vm(), Fixtures.XML, Optional.of(Fixtures.file()),
                Optional.of(LgmpHeader.parse(LgmpHeader.write(5, 19, "B6", 0))), Optional.empty());
        Check mismatch = VmChecks.hostApplication(HOST, b6);
        assertCheck(Status.FAIL, "same release on both sides", mismatch);
        assertTrue(mismatch.message().contains("host B6") && mismatch.message().contains("client B7"), mismatch.message());
        assertCheck(Status.SKIP, "", VmChecks.hostApplication(HOST, Fixtures.facts(Fixtures.stopped())));  // not checked is not a pass
    }
}
