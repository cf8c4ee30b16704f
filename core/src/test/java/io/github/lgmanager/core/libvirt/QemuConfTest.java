// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** qemu.conf as libvirtd reads it: what a setting's value is, and where the file stops being valid. */
class QemuConfTest {

    private static QemuConf parse(String text) throws QemuConf.SyntaxException {
        return QemuConf.parse(text);
    }

    @Test
    void readsStringsNumbersAndOneLineLists() throws Exception {
        QemuConf conf = parse("user = \"qemu\"\nspice_sasl = 1\nremember_owner = -1\n"
                + "cgroup_device_acl = [ \"/dev/null\", \"/dev/kvmfr0\" ]\n");
        assertEquals(Optional.of("qemu"), conf.string("user"));
        assertEquals(OptionalLong.of(1), conf.number("spice_sasl"));
        assertEquals(OptionalLong.of(-1), conf.number("remember_owner"));
        assertEquals(Optional.of(List.of("/dev/null", "/dev/kvmfr0")), conf.strings("cgroup_device_acl"));
    }

    @Test
    void aListSpansLinesWithATrailingCommaAndCommentsBetweenItsItems() throws Exception {
        QemuConf conf = parse("# the default, extended\ncgroup_device_acl = [\n    \"/dev/null\", \"/dev/full\",\n"
                + "    # \"/dev/kvmfr0\",   removed for now\n    \"/dev/kvm\",\n]\nuser = 'libvirt-qemu' # trailing\n");
        assertEquals(Optional.of(List.of("/dev/null", "/dev/full", "/dev/kvm")), conf.strings("cgroup_device_acl"));
        assertEquals(2, conf.setting("cgroup_device_acl").orElseThrow().line());
        assertEquals(Optional.of("libvirt-qemu"), conf.string("user"));
    }

    @Test
    void aCommentedOutSettingIsNotSet() throws Exception {
        QemuConf conf = parse("#cgroup_device_acl = [\n#    \"/dev/null\", \"/dev/kvmfr0\"\n#]\n");
        assertTrue(conf.setting("cgroup_device_acl").isEmpty());
        assertTrue(conf.strings("cgroup_device_acl").isEmpty());
    }

    @Test
    void theFirstOfTwoSettingsOfOneNameIsTheOneLibvirtUses() throws Exception {
        QemuConf conf = parse("user = \"first\"\nuser = \"second\"; group = \"kvm\"\n");
        assertEquals(Optional.of("first"), conf.string("user"));
        assertEquals(Optional.of("kvm"), conf.string("group"));
    }

    @Test
    void tripleQuotedStringsMaySpanLinesAndLinesAreStillCounted() throws Exception {
        QemuConf conf = parse("a = \"\"\"one\ntwo\"\"\"\nb = 2\n");
        assertEquals(Optional.of("one\ntwo"), conf.string("a"));
        assertEquals(3, conf.setting("b").orElseThrow().line());
    }

    @Test
    void anEmptyFileAndAnEmptyListAreValid() throws Exception {
        assertTrue(parse("").setting("user").isEmpty());
        assertEquals(Optional.of(List.of()), parse("cgroup_device_acl = [ ]").strings("cgroup_device_acl"));
    }

    @Test
    void aStringWhereAListBelongsIsNotAList() throws Exception {
        assertTrue(parse("cgroup_device_acl = \"/dev/kvmfr0\"").strings("cgroup_device_acl").isEmpty());
        assertTrue(parse("cgroup_device_acl = [ \"/dev/null\", 1 ]").strings("cgroup_device_acl").isEmpty());
    }

    @Test
    void malformedTextNamesTheLine() {
        assertEquals(2, assertThrows(QemuConf.SyntaxException.class, () -> parse("a = 1\nb = [ \"x\" \"y\" ]")).line());
        assertEquals(1, assertThrows(QemuConf.SyntaxException.class, () -> parse("cgroup_device_acl = [ \"/dev/null\",\n")).line());
        assertEquals(1, assertThrows(QemuConf.SyntaxException.class, () -> parse("user = \"qemu")).line());
        assertEquals(3, assertThrows(QemuConf.SyntaxException.class, () -> parse("\n\nuser \"qemu\"")).line());
        assertEquals(1, assertThrows(QemuConf.SyntaxException.class, () -> parse("user = qemu")).line());
        assertEquals(1, assertThrows(QemuConf.SyntaxException.class, () -> parse("a = 1 2")).line());
        assertTrue(assertThrows(QemuConf.SyntaxException.class, () -> parse("= 1")).getMessage().startsWith("line 1: "));
    }

    @Test
    void debiansShippedFileSetsNoUserSoLibvirtsBuiltInOneApplies() throws Exception {
        QemuConf shipped = parse("""
                # The user for QEMU processes run by the system instance. It can be
                # specified as a user name or as a user id.
                #
                #user = "qemu"   # A user named "qemu"
                #user = "+0"     # Super-user (uid=0)
                #group = "100"   # A group named "100" or a gid=100
                """);
        assertEquals(Optional.empty(), shipped.string("user"));
        assertEquals(Optional.empty(), shipped.string("group"));
    }

    @Test
    void theQemuUserAndGroupAreReadWithSpacesAndTrailingComments() throws Exception {
        QemuConf conf = parse("user = \"qemu\"\n  group=\"kvm\"   # the kvm group\nspice_user = \"x\"\n");
        assertEquals(Optional.of("qemu"), conf.string("user"));
        assertEquals(Optional.of("kvm"), conf.string("group"));
    }
}
