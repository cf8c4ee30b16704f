// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Host;
import io.github.lgmanager.core.vm.VmView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gathering reads the files a test tree provides, and nothing else decides the facts. */
class FactsGathererTest {

    private static void write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsHostFactsUnderTheRoot(@TempDir Path root) throws Exception {
        write(root, "proc/sys/fs/protected_regular", "2\n");
        write(root, "proc/sys/fs/protected_symlinks", "0\n");
        write(root, "proc/sys/fs/protected_hardlinks", "1\n");
        write(root, "sys/module/apparmor/parameters/enabled", "Y\n");
        write(root, "etc/apparmor.d/local/abstractions/libvirt-qemu", "/dev/shm/looking-glass rw,\n");
        write(root, "sys/fs/selinux/enforce", "0");
        write(root, "etc/tmpfiles.d/10-looking-glass.conf", "# comment\nf /dev/shm/looking-glass 0660 alice kvm -\n");
        write(root, "etc/libvirt/qemu.conf", "#user = \"x\"\nuser = \"qemu\"\n");
        write(root, "var/lib/dpkg/status", "Package: libvirt-daemon-system\nVersion: 1.0\n\nPackage: libvirt-daemon\n"
                + "Status: install ok installed\nVersion: 9.0.0-4+deb12u2\n\n");
        Files.createDirectories(root.resolve("sys/module/kvmfr"));
        write(root, "dev/kvmfr1", "");
        write(root, "dev/kvmfr0", "");
        write(root, "dev/kvmfrx", "");
        write(root, "usr/lib/udev/rules.d/99-kvmfr.rules", "SUBSYSTEM==\"kvmfr\", OWNER=\"packaged\"\n");
        write(root, "etc/udev/rules.d/99-kvmfr.rules", "SUBSYSTEM==\"kvmfr\", OWNER=\"alice\", MODE=\"0660\"\n");
        write(root, "usr/lib/udev/rules.d/50-other.rules", "SUBSYSTEM==\"drm\", GROUP=\"video\" # kvmfr nowhere\n");
        write(root, "etc/passwd", "alice:x:1000:1000::/home/alice:/bin/bash\n");
        write(root, "etc/group", "kvm:x:107:alice\n");
        HostFacts h = new FactsGatherer(new Host(Map.of("PATH", root.resolve("bin").toString(), "SUDO_USER", "alice"),
                "root", root)).host("b", false, "", "");
        assertEquals(OptionalInt.of(2), h.protectedRegular());
        assertEquals(OptionalInt.of(0), h.protectedSymlinks());
        assertEquals(OptionalInt.of(1), h.protectedHardlinks());
        assertTrue(h.apparmorEnabled());
        assertTrue(h.apparmorLocal().contains("/dev/shm/looking-glass rw,"));
        assertEquals("permissive", h.selinuxMode());
        assertEquals("qemu", h.qemuUser());
        assertEquals("9.0.0-4+deb12u2", h.libvirtVersion());
        assertEquals("alice", h.invokingUser());
        assertTrue(h.kvmfrLoaded());
        assertEquals(List.of("/dev/kvmfr0", "/dev/kvmfr1"), h.kvmfrDevices());
        assertEquals(1, h.kvmfrUdevRules().size(), "the /etc file hides the packaged one of the same name");
        assertEquals("/etc/udev/rules.d/99-kvmfr.rules", h.kvmfrUdevRules().get(0).file());
        assertEquals(Optional.of("alice"), h.kvmfrUdevRules().get(0).assigned("OWNER"));
        assertEquals(Optional.of(List.of("alice")), h.accounts().members("kvm"));
        assertEquals(2, h.tmpfiles().size());
        assertEquals("/dev/shm/looking-glass", h.tmpfiles().get(1).path());
        assertEquals("", h.tmpfiles().get(0).path());
        assertFalse(h.clientPath().isPresent());
    }

    @Test
    void anEmptyRootGivesNeutralFacts(@TempDir Path root) {
        HostFacts h = new FactsGatherer(new Host(Map.of(), "bob", root)).host("b", false, "", "");
        assertEquals(OptionalInt.empty(), h.protectedRegular());
        assertEquals(OptionalInt.empty(), h.protectedSymlinks());
        assertFalse(h.apparmorEnabled());
        assertEquals("absent", h.selinuxMode());
        assertEquals("libvirt-qemu", h.qemuUser());
        assertEquals("", h.libvirtVersion());
        assertTrue(h.tmpfiles().isEmpty());
    }

    @Test
    void theClientsReleaseIsReadFromItsFileWithoutRunningIt(@TempDir Path root) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path client = bin.resolve("looking-glass-client");
        Path ran = root.resolve("ran");
        // a program that would leave a mark if started, with the release stored as the real build stores it
        Files.write(client, ("#!/bin/sh\ntouch '" + ran + "'\nexit 0\n\0B7\0").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(client.toFile().setExecutable(true));
        HostFacts h = new FactsGatherer(new Host(Map.of("PATH", bin.toString()), "bob", root)).host("b", false, "", "");
        assertEquals(client.toString(), h.clientPath().orElseThrow());
        assertEquals("B7", h.clientVersion().orElseThrow());
        assertFalse(Files.exists(ran), "doctor never starts the client");
    }

    @Test
    void fileTypesAreNamed() {
        assertEquals("regular file", ShmFileReader.type(0100644));
        assertEquals("character device", ShmFileReader.type(0020660));
        assertEquals("symbolic link", ShmFileReader.type(0120777));
    }

    private static VmView vmAt(Path shm, boolean running) {
        return new VmView("u", "win11", running, true, "shm", shm.toString(), 32, 32, 1920, 1080, false, "b7",
                List.of("alice"), List.of(), List.of(), "", 0, false, "", false);
    }

    @Test
    void aStoppedVmsFileIsLookedAtAndOnlyARunningVmsHeaderIsRead(@TempDir Path root) throws Exception {
        Path shm = root.resolve("looking-glass-win11");
        Files.write(shm, LgmpHeader.write(6, 20, "B7", 0));
        FactsGatherer gather = new FactsGatherer(new Host(Map.of(), "root", root));
        VmFacts stopped = gather.vm(vmAt(shm, false), "");
        assertEquals(Files.size(shm), stopped.file().orElseThrow().size());
        assertTrue(stopped.header().isEmpty());
        assertTrue(gather.vm(vmAt(shm, true), "").header().isPresent());
    }

    @Test
    void spicesPasswordIsKnownFromLibvirtsOwnFileAndUnknownFromTheXmlWithoutSecrets(@TempDir Path root) throws Exception {
        String withoutSecrets = "<domain><name>win11</name><devices><graphics type='spice' autoport='yes'>"
                + "<listen type='address'/></graphics></devices></domain>";
        VmView off = new VmView("u", "win11", false, false, "shm", "/dev/shm/looking-glass-win11", 0, 0, 1920, 1080, false,
                "b7", List.of(), List.of(), List.of(), "", 0, false, "", false);
        FactsGatherer gather = new FactsGatherer(new Host(Map.of(), "root", root));
        assertEquals(Optional.empty(), gather.vm(off, withoutSecrets).spice().orElseThrow().password());
        write(root, "etc/libvirt/qemu/win11.xml", withoutSecrets.replace("autoport='yes'", "autoport='yes' passwd='pw'"));
        assertEquals(Optional.of(true), gather.vm(off, withoutSecrets).spice().orElseThrow().password());
    }
}
