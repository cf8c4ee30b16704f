// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static io.github.lgmanager.admin.doctor.Fixtures.file;
import static io.github.lgmanager.admin.doctor.Fixtures.host;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                List.of(), "", true)), Optional.empty(), Optional.empty());
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrModule(loaded, device));
        assertCheck(Status.FAIL, "modprobe kvmfr static_size_mb=32", KvmfrChecks.kvmfrModule(HOST, device));
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrDevice(device));
        VmFacts regular = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("regular file", "libvirt-qemu", 0644,
                32L << 20, List.of(), "", false)), Optional.empty(), Optional.empty());
        assertCheck(Status.FAIL, "modprobe kvmfr", KvmfrChecks.kvmfrDevice(regular));
        VmFacts rootOnly = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("character device", "root", 0600, 0,
                List.of(), "", false)), Optional.empty(), Optional.empty());
        assertCheck(Status.WARN, "udev rule", KvmfrChecks.kvmfrDevice(rootOnly));
        assertCheck(Status.PASS, "", KvmfrChecks.kvmfrCgroup(loaded, device));
        assertCheck(Status.FAIL, "add \"/dev/kvmfr0\"", KvmfrChecks.kvmfrCgroup(host(OptionalInt.of(1), false, "", "", "absent",
                List.of(), true, "cgroup_device_acl = [ \"/dev/null\" ]"), device));
        assertCheck(Status.WARN, "cgroup_device_acl", KvmfrChecks.kvmfrCgroup(loaded.qemuConf().isEmpty() ? loaded : HOST, device));
    }

    private static final VmFacts DEVICE = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(Fixtures.file(
            "character device", "root", 0660, 0, List.of("alice"), "", true)), Optional.empty(), Optional.empty());

    private static HostFacts qemuConf(Optional<String> text) {
        return Fixtures.host(h -> {
            h.kvmfrLoaded = true;
            h.qemuConf = text;
        });
    }

    @Test
    void aDeviceListedAcrossLinesPasses() {
        Check c = KvmfrChecks.kvmfrCgroup(qemuConf(Optional.of("cgroup_device_acl = [\n  \"/dev/null\",\n"
                + "  \"/dev/kvmfr0\", # Looking Glass\n]\n")), DEVICE);
        assertCheck(Status.PASS, "", c);
        assertTrue(c.message().contains("line 1"), c.message());
    }

    @Test
    void aDeviceCommentedOutInsideTheListFailsWithTheLineToWrite() {
        Check c = KvmfrChecks.kvmfrCgroup(qemuConf(Optional.of("user = \"libvirt-qemu\"\ncgroup_device_acl = [\n"
                + "  \"/dev/null\", \"/dev/kvm\",\n  # \"/dev/kvmfr0\",\n]\n")), DEVICE);
        assertCheck(Status.FAIL, "cgroup_device_acl = [ \"/dev/null\", \"/dev/kvm\", \"/dev/kvmfr0\" ]", c);
        assertTrue(c.message().contains("(line 2) lacks /dev/kvmfr0: QEMU cannot open it"), c.message());
        assertTrue(c.fix().contains("systemctl restart libvirtd"), c.fix());
    }

    @Test
    void noSettingWarnsWithLibvirtsDefaultListPlusTheDevice() {
        Check c = KvmfrChecks.kvmfrCgroup(qemuConf(Optional.of("#cgroup_device_acl = [ \"/dev/kvmfr0\" ]\n")), DEVICE);
        assertCheck(Status.WARN, "\"/dev/ptmx\", \"/dev/kvm\", \"/dev/kvmfr0\" ]", c);
    }

    @Test
    void anUnreadableQemuConfSaysSoInsteadOfGuessing() {
        Check c = KvmfrChecks.kvmfrCgroup(qemuConf(Optional.empty()), DEVICE);
        assertCheck(Status.WARN, "sudo lg-admin doctor win11", c);
        assertTrue(c.message().contains("cannot read /etc/libvirt/qemu.conf"), c.message());
    }

    @Test
    void aMalformedQemuConfNamesTheLine() {
        Check c = KvmfrChecks.kvmfrCgroup(qemuConf(Optional.of("user = \"qemu\"\ncgroup_device_acl = [ \"/dev/null\"\n")), DEVICE);
        assertCheck(Status.WARN, "line 2", c);
    }

    @Test
    void aStringInsteadOfAListFails() {
        assertCheck(Status.FAIL, "cgroup_device_acl = [", KvmfrChecks.kvmfrCgroup(qemuConf(Optional.of(
                "cgroup_device_acl = \"/dev/kvmfr0\"\n")), DEVICE));
    }

    private static HostFacts rules(String text) {
        return Fixtures.host(h -> h.kvmfrUdevRules = UdevRule.parse("/etc/udev/rules.d/99-kvmfr.rules", text).stream()
                .filter(UdevRule::matchesKvmfr).toList());
    }

    @Test
    void aUdevRuleGivingTheDeviceToADesktopUserWarnsWithTheRuleSystemdAccepts() {
        Check c = KvmfrChecks.udevRule(rules("SUBSYSTEM==\"kvmfr\", OWNER=\"alice\", GROUP=\"kvm\", MODE=\"0660\"\n"),
                DEVICE);
        assertCheck(Status.WARN, "in /etc/udev/rules.d/99-kvmfr.rules line 1 write SUBSYSTEM==\"kvmfr\", GROUP=\"kvm\","
                + " MODE=\"0660\"; then udevadm control --reload && udevadm trigger --subsystem-match=kvmfr", c);
        assertTrue(c.message().startsWith("/etc/udev/rules.d/99-kvmfr.rules:1 sets OWNER=\"alice\", which is not a local"
                + " system account: systemd 258"), c.message());
    }

    @Test
    void aUdevRuleWithAPersonalGroupOrAnUnknownOwnerWarnsToo() {
        assertCheck(Status.WARN, "GROUP=\"kvm\"", KvmfrChecks.udevRule(rules(
                "SUBSYSTEM==\"kvmfr\", GROUP=\"alice\", MODE=\"0660\"\n"), DEVICE));
        assertCheck(Status.WARN, "GROUP=\"kvm\"", KvmfrChecks.udevRule(rules(
                "SUBSYSTEM==\"kvmfr\", OWNER=\"ldap-user\"\n"), DEVICE));
    }

    @Test
    void aUdevRuleWithSystemAccountsOnlyOrNoRulePasses() {
        assertCheck(Status.PASS, "", KvmfrChecks.udevRule(rules(
                "SUBSYSTEM==\"kvmfr\", OWNER=\"root\", GROUP=\"kvm\", MODE=\"0660\"\n"), DEVICE));
        assertCheck(Status.PASS, "", KvmfrChecks.udevRule(rules("SUBSYSTEM==\"kvmfr\", TAG+=\"uaccess\"\n"), DEVICE));
        assertCheck(Status.PASS, "", KvmfrChecks.udevRule(Fixtures.host(), DEVICE));
    }

    @Test
    void theDeviceFixNoLongerAsksForAnOwnerUdevRefuses() {
        VmFacts rootOnly = new VmFacts(Fixtures.kvmfr(), Fixtures.XML, Optional.of(file("character device", "root", 0600, 0,
                List.of(), "", false)), Optional.empty(), Optional.empty());
        Check c = KvmfrChecks.kvmfrDevice(rootOnly);
        assertTrue(!c.fix().contains("OWNER") && c.fix().contains("GROUP=\"kvm\", MODE=\"0660\""), c.fix());
    }
}
