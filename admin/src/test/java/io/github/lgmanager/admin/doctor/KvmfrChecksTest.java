package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static io.github.lgmanager.admin.doctor.Fixtures.file;
import static io.github.lgmanager.admin.doctor.Fixtures.host;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A kvmfr VM: the module, the device node, libvirt's device ACL. */
class KvmfrChecksTest {
    private static final HostFacts HOST = Fixtures.host();

    @Test
    void kvmfr() {
        String acl = "cgroup_device_acl = [\n \"/dev/null\", \"/dev/kvmfr0\"\n]\n";
        HostFacts loaded = host(OptionalInt.of(1), false, "", "", "absent", List.of(), true, acl);
        VmFacts device = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("character device", "alice", 0660, 0,
                List.of(), "", true)), Optional.empty());
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrModule(loaded, device));
        assertCheck(Status.FAIL, "modprobe kvmfr static_size_mb=32", KvmfrChecks.kvmfrModule(HOST, device));
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrDevice(device));
        VmFacts regular = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("regular file", "libvirt-qemu", 0644,
                32L << 20, List.of(), "", false)), Optional.empty());
        assertCheck(Status.FAIL, "modprobe kvmfr", KvmfrChecks.kvmfrDevice(regular));
        VmFacts rootOnly = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("character device", "root", 0600, 0,
                List.of(), "", false)), Optional.empty());
        assertCheck(Status.WARN, "udev rule", KvmfrChecks.kvmfrDevice(rootOnly));
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrCgroup(loaded, device));
        assertCheck(Status.FAIL, "add \"/dev/kvmfr0\"", KvmfrChecks.kvmfrCgroup(host(OptionalInt.of(1), false, "", "", "absent",
                List.of(), true, "cgroup_device_acl = [ \"/dev/null\" ]"), device));
        assertCheck(Status.WARN, "cgroup_device_acl", KvmfrChecks.kvmfrCgroup(loaded.qemuConf().isEmpty() ? loaded : HOST, device));
    }
}
