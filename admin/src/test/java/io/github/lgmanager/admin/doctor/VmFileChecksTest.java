package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The /dev/shm file: present and whole, owned by QEMU, granted to the VM's users, openable by them. */
class VmFileChecksTest {
    private static final HostFacts HOST = Fixtures.host();

    @Test
    void file() {
        assertCheck(Status.PASS, "", VmFileChecks.file(Fixtures.facts()));
        assertCheck(Status.PASS, "", VmFileChecks.file(Fixtures.facts(Fixtures.stopped())));
        assertCheck(Status.FAIL, "restart the VM", VmFileChecks.file(Fixtures.facts(ShmFile.missing())));
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", VmFileChecks.file(Fixtures.facts(
                Fixtures.file("regular file", "libvirt-qemu", 0644, 16L << 20, List.of("alice"), "", true))));
        assertCheck(Status.FAIL, "remove /dev/shm/looking-glass", VmFileChecks.file(Fixtures.facts(
                Fixtures.file("FIFO", "libvirt-qemu", 0644, 0, List.of(), "", true))));
        VmFacts unseen = new VmFacts(Fixtures.vm(), Fixtures.XML, Optional.empty(), Optional.empty());
        assertCheck(Status.WARN, "as root", VmFileChecks.file(unseen));
    }

    @Test
    void owner() {
        assertCheck(Status.PASS, "", VmFileChecks.owner(HOST, Fixtures.facts()));
        Check c = VmFileChecks.owner(HOST, Fixtures.facts(Fixtures.file("regular file", "alice", 0660, 32L << 20, List.of(), "", true)));
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", c);
        assertTrue(c.message().contains("owned by alice, expected libvirt-qemu"), c.message());
        assertCheck(Status.PASS, "", VmFileChecks.owner(HOST, Fixtures.facts(Fixtures.stopped())));
    }

    @Test
    void acl() {
        assertCheck(Status.PASS, "", VmFileChecks.acl(Fixtures.facts()));
        Check c = VmFileChecks.acl(Fixtures.facts(Fixtures.file("regular file", "libvirt-qemu", 0644, 32L << 20, List.of(), "", false)));
        assertCheck(Status.FAIL, "systemctl status lg-daemon", c);
        assertTrue(c.message().contains("does not grant alice"), c.message());
        assertCheck(Status.WARN, "--user USER", VmFileChecks.acl(Fixtures.facts(Fixtures.users(List.of(), List.of()))));
    }

    @Test
    void access() {
        assertCheck(Status.PASS, "", VmFileChecks.access(HOST, Fixtures.facts()));
        VmFacts closed = Fixtures.facts(Fixtures.file("regular file", "libvirt-qemu", 0644, 32L << 20, List.of(), "", false));
        assertCheck(Status.FAIL, "lg-daemon runs", VmFileChecks.access(HOST, closed));
        VmFacts notListed = new VmFacts(Fixtures.users(List.of("bob"), List.of()), Fixtures.XML, closed.file(), closed.header());
        assertCheck(Status.WARN, "lg-admin set win11 --user alice --user bob", VmFileChecks.access(HOST, notListed));
    }
}
