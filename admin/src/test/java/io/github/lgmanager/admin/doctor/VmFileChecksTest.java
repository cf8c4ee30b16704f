// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
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
        VmFacts unseen = new VmFacts(Fixtures.vm(), Fixtures.XML, Optional.empty(), Optional.empty(), Optional.empty());
        assertCheck(Status.WARN, "as root", VmFileChecks.file(unseen));
    }

    @Test
    void owner() {
        assertCheck(Status.PASS, "", VmFileChecks.owner(HOST, Fixtures.facts()));
        Check c = VmFileChecks.owner(HOST, Fixtures.facts(Fixtures.file("regular file", "alice", 0660, 32L << 20, List.of(), "", true)));
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", c);
        assertTrue(c.message().contains("owned by alice, expected libvirt-qemu"), c.message());
        assertCheck(Status.SKIP, "", VmFileChecks.owner(HOST, Fixtures.facts(Fixtures.stopped())));  // not checked is not a pass
    }

    @Test
    void acl() {
        assertCheck(Status.PASS, "", VmFileChecks.acl(Fixtures.facts()));
        Check c = VmFileChecks.acl(Fixtures.facts(Fixtures.file("regular file", "libvirt-qemu", 0644, 32L << 20, List.of(), "", false)));
        assertCheck(Status.FAIL, "systemctl restart lg-daemon (it re-grants", c);
        assertTrue(c.message().contains("does not grant alice"), c.message());
        assertCheck(Status.WARN, "--user USER", VmFileChecks.acl(Fixtures.facts(Fixtures.users(List.of(), List.of()))));
    }

    @Test
    void access() {
        assertCheck(Status.PASS, "", VmFileChecks.access(HOST, Fixtures.facts()));
        VmFacts closed = Fixtures.facts(Fixtures.file("regular file", "libvirt-qemu", 0644, 32L << 20, List.of(), "", false));
        assertCheck(Status.FAIL, "systemctl restart lg-daemon (it re-grants", VmFileChecks.access(HOST, closed));
        VmFacts notListed = new VmFacts(Fixtures.users(List.of("bob"), List.of()), Fixtures.XML, closed.file(), closed.header(), Optional.empty());
        assertCheck(Status.WARN, "lg-admin set win11 --user alice --user bob", VmFileChecks.access(HOST, notListed));
    }

    private static VmFacts stoppedWith(ShmFile file) {
        return new VmFacts(Fixtures.stopped(), Fixtures.XML, Optional.of(file), Optional.empty(), Optional.empty());
    }

    private static ShmFile sized(long bytes) {
        return Fixtures.file("regular file", "libvirt-qemu", 0600, bytes, List.of("alice"), "", true);
    }

    @Test
    void aStoppedVmsFileOfAnotherSizeFailsBecauseQemuWillRefuseIt() {
        Check smaller = VmFileChecks.file(stoppedWith(sized(16L << 20)));
        assertCheck(Status.FAIL, "systemctl restart lg-daemon", smaller);
        assertEquals("/dev/shm/looking-glass holds 16 MiB, the device is 32 MiB: QEMU refuses to start with it"
                + " ('backing store size ... does not match')", smaller.message());
        assertEquals("systemctl restart lg-daemon (it recreates the file), or while win11 is shut off:"
                + " rm /dev/shm/looking-glass", smaller.fix());
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", VmFileChecks.file(stoppedWith(sized(64L << 20))));
        assertTrue(VmFileChecks.file(stoppedWith(sized(33554433))).message().contains("holds 33554433 bytes"));
    }

    @Test
    void aStoppedVmsFileOfTheRightSizeOrEmptyOrAbsentPasses() {
        assertCheck(Status.PASS, "", VmFileChecks.file(stoppedWith(sized(32L << 20))));
        assertCheck(Status.PASS, "", VmFileChecks.file(stoppedWith(sized(0))));
        assertCheck(Status.PASS, "", VmFileChecks.file(stoppedWith(ShmFile.missing())));
    }

    @Test
    void aStoppedVmsNameTakenBySomethingElseFails() {
        assertCheck(Status.FAIL, "rm /dev/shm/looking-glass", VmFileChecks.file(stoppedWith(
                Fixtures.file("symbolic link", "bob", 0777, 12, List.of(), "", false))));
    }

    @Test
    void aRunningVmsFileOfAnotherSizeThanItsDeviceFails() {
        Check bigger = VmFileChecks.file(Fixtures.facts(sized(64L << 20)));
        assertCheck(Status.FAIL, "systemctl restart lg-daemon", bigger);
        assertTrue(bigger.message().startsWith("/dev/shm/looking-glass holds 64 MiB, the running VM's device is 32 MiB: "),
                bigger.message());
    }

    @Test
    void aRunningVmWhoseDefinitionChangedIsNotComparedWithTheNewSize() {
        VmView pending = new VmView("u", "win11", true, true, "shm", "/dev/shm/looking-glass", 64, 64, 2560, 1440, false,
                "b7", List.of("alice"), List.of(), List.of(), "", 0, true, "", true);
        assertCheck(Status.PASS, "", VmFileChecks.file(new VmFacts(pending, Fixtures.XML, Optional.of(sized(32L << 20)),
                Optional.empty(), Optional.empty())));
    }

    @Test
    void anAclThatCouldNotBeReadIsNotReportedAsMissingGrants() {
        ShmFile unread = new ShmFile(true, "regular file", "libvirt-qemu", 0660, 32L << 20, List.of(), "",
                Optional.of(false), "libvirt-qemu", Optional.empty(), "getfacl: /dev/shm/looking-glass: Permission denied");
        Check c = VmFileChecks.acl(Fixtures.facts(unread));
        assertCheck(Status.WARN, "sudo lg-admin doctor win11", c);
        assertTrue(c.message().contains("Permission denied"), c.message());
    }
}
