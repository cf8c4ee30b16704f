// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static io.github.lgmanager.admin.doctor.Fixtures.acl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the owner, QEMU and the VM's listed users may open the shared memory: who else can is named. */
class FileExposureTest {
    private static final HostFacts HOST = Fixtures.host();

    private static Check exposure(ShmFile file) {
        return VmFileChecks.exposure(HOST, Fixtures.facts(file));
    }

    private static Check kvmfr(HostFacts host, int mode, List<AclLine> acl) {
        ShmFile device = new ShmFile(true, "character device", "root", mode, 0, ShmFileReader.readWriteUsers(acl), "",
                Optional.of(true), "kvm", Optional.of(acl), "");
        return VmFileChecks.exposure(host, new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(device), Optional.empty(), Optional.empty()));
    }

    @Test
    void theAclLgDaemonWritesPasses() {
        Check c = exposure(Fixtures.file());
        assertCheck(Status.PASS, "", c);
        assertEquals("nobody but libvirt-qemu, QEMU and the VM's users (alice) can open /dev/shm/looking-glass", c.message());
    }

    @Test
    void qemusOwnModeWithAGrantAddedFailsNamingEveryoneAndTheGroup() {
        Check c = exposure(Fixtures.file(0664, "libvirt-qemu",
                acl("user::rw-", "user:alice:rw-", "group::r--", "mask::rw-", "other::r--")));
        assertCheck(Status.FAIL, "", c);
        assertEquals("/dev/shm/looking-glass can be opened by every local user (other r--) and group libvirt-qemu"
                + " (r--: libvirt-qemu), not only by libvirt-qemu, QEMU and the VM's users", c.message());
        assertEquals("systemctl restart lg-daemon (it rewrites the whole ACL), or now: setfacl --set"
                + " u::rw-,u:alice:rw-,g::---,m::rw-,o::--- /dev/shm/looking-glass", c.fix());
    }

    @Test
    void aNamedUserWhoIsNotTheVmsFailsButQemusOwnEntryDoesNot() {
        Check c = exposure(Fixtures.file(0660, "libvirt-qemu",
                acl("user::rw-", "user:libvirt-qemu:rw-", "user:alice:rw-", "user:bob:r--", "group::---", "mask::rw-",
                        "other::---")));
        assertCheck(Status.FAIL, "setfacl --set", c);
        assertTrue(c.message().contains("can be opened by user bob (r--, not one of the VM's users), not only"), c.message());
        assertTrue(!c.message().contains("libvirt-qemu (rw-"), c.message());
    }

    @Test
    void anEntryTheMaskTakesAwayIsNoWayIn() {
        assertCheck(Status.PASS, "", exposure(Fixtures.file(0620, "libvirt-qemu",
                acl("user::rw-", "user:alice:rw-", "user:bob:r--", "group::r--", "mask::-w-", "other::---"))));
        assertCheck(Status.FAIL, "", exposure(Fixtures.file(0620, "libvirt-qemu",
                acl("user::rw-", "user:alice:rw-", "user:bob:rw-", "group::---", "mask::-w-", "other::---"))));
    }

    @Test
    void aNamedGroupWhoseMembersAreUnknownIsNamedAsSuch() {
        Check c = exposure(Fixtures.file(0660, "libvirt-qemu",
                acl("user::rw-", "user:alice:rw-", "group::---", "group:staff:r--", "mask::rw-", "other::---")));
        assertCheck(Status.FAIL, "", c);
        assertTrue(c.message().contains("group staff (r--; its members could not be listed)"), c.message());
    }

    @Test
    void aShutOffVmsExposedFileIsRecreatedByTheDaemon() {
        ShmFile open = Fixtures.file(0644, "libvirt-qemu", acl("user::rw-", "group::r--", "other::r--"));
        Check c = VmFileChecks.exposure(HOST, new VmFacts(Fixtures.stopped(), Fixtures.XML, Optional.of(open),
                Optional.empty(), Optional.empty()));
        assertCheck(Status.FAIL, "systemctl restart lg-daemon (it recreates the file)", c);
    }

    @Test
    void anUnreadableAclWarnsWhenTheGroupBitsLetSomeoneInAndSaysWhy() {
        ShmFile unread = new ShmFile(true, "regular file", "libvirt-qemu", 0660, 32L << 20, List.of(), "",
                Optional.of(false), "libvirt-qemu", Optional.empty(), "getfacl: not installed");
        Check c = exposure(unread);
        assertCheck(Status.WARN, "sudo lg-admin doctor win11", c);
        assertTrue(c.message().endsWith("and its ACL could not be read (getfacl: not installed)"), c.message());
        ShmFile closed = new ShmFile(true, "regular file", "libvirt-qemu", 0600, 32L << 20, List.of(), "",
                Optional.of(false), "libvirt-qemu", Optional.empty(), "getfacl: not installed");
        assertCheck(Status.PASS, "", exposure(closed));
        ShmFile world = new ShmFile(true, "regular file", "libvirt-qemu", 0604, 32L << 20, List.of(), "",
                Optional.of(false), "libvirt-qemu", Optional.empty(), "getfacl: not installed");
        assertCheck(Status.FAIL, "setfacl --set", exposure(world));
    }

    @Test
    void aKvmfrDeviceReachedThroughQemusGroupPasses() {
        assertCheck(Status.PASS, "", kvmfr(HOST, 0660, acl("user::rw-", "user:alice:rw-", "group::rw-", "mask::rw-",
                "other::---")));
    }

    @Test
    void aKvmfrGroupWithOtherMembersFailsWithTheirRemoval() {
        HostFacts bobInKvm = Fixtures.host(h -> h.accounts = Accounts.parse(
                "libvirt-qemu:x:64055:64055::/:/bin/false\nbob:x:1001:1001::/home/bob:/bin/bash\n",
                "kvm:x:107:libvirt-qemu,bob\n", ""));
        Check c = kvmfr(bobInKvm, 0660, acl("user::rw-", "group::rw-", "other::---"));
        assertCheck(Status.FAIL, "gpasswd -d bob kvm", c);
        assertTrue(c.message().startsWith("/dev/kvmfr0 can be opened by group kvm (rw-: libvirt-qemu, bob), not only"),
                c.message());
    }

    @Test
    void aKvmfrDeviceForEveryoneOrForTheSeatUserFailsWithTheirFixes() {
        Check world = kvmfr(HOST, 0666, acl("user::rw-", "group::rw-", "other::rw-"));
        assertCheck(Status.FAIL, "chmod o= /dev/kvmfr0 now, and MODE=\"0660\" in the kvmfr udev rule", world);
        Check seat = kvmfr(HOST, 0660, acl("user::rw-", "user:carol:rw-", "user:alice:rw-", "group::rw-", "mask::rw-",
                "other::---"));
        assertCheck(Status.FAIL, "setfacl -x u:carol /dev/kvmfr0", seat);
    }
}
