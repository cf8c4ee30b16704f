// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * A q35 VM as virt-manager makes them, through the real libvirtd's qemu driver (which assigns PCI addresses; the
 * test driver does not): lg-admin enable, virsh start, disable --forget. Before we chose the slot, libvirt put the
 * ivshmem-plain device behind a new pcie-root-port and pcie-to-pci-bridge that stayed after disable --forget.
 */
class Q35PlacementE2E {
    private static final Pattern CONTROLLER =
            Pattern.compile("<controller [^>]*/>|<controller [^>]*[^/]>[\\s\\S]*?</controller>");
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();

    private static String q35Guest(String name) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    <controller type='usb' model='qemu-xhci'/>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                    <video><model type='virtio'/></video>
                    <memballoon model='virtio'/>
                  </devices>
                </domain>
                """.formatted(name);
    }

    private static ExternalProcess.Result admin(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = LAUNCHER;
        command[1] = "--connect";
        command[2] = RealLibvirt.URI;
        System.arraycopy(args, 0, command, 3, args.length);
        ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), command);
        assertEquals(0, r.exitCode(), "exit " + r.exitCode() + "\n" + r.stdout() + r.stderr());
        return r;
    }

    private static List<String> controllers(String xml) {
        Matcher m = CONTROLLER.matcher(xml);
        return m.results().map(r -> r.group().replaceAll("\\s+", " ")).toList();
    }

    private static String withoutControllers(String xml) {
        return CONTROLLER.matcher(xml).replaceAll("");
    }

    @Test
    void enableOnQ35AddsNoControllerBootsWithTheDeviceOnTheRootBusAndForgetRestoresTheDefinition() throws Exception {
        Prerequisite.root();
        String name = UniqueNames.next();
        Connect libvirt = RealLibvirt.connect();
        try {
            Domain domain = libvirt.domainDefineXML(q35Guest(name));
            try {
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);

                String said = admin("enable", name, "--resolution", "1080p", "--user", "root").stdout();
                String enabled = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                Matcher slot = Pattern.compile("<shmem name='looking-glass-" + Pattern.quote(name) + "'>[\\s\\S]*?"
                        + "<address type='pci' domain='0x0000' bus='0x00' slot='(0x[0-9a-f]{2})' function='0x0'/>")
                        .matcher(enabled);
                assertTrue(slot.find(), "libvirt kept our device off the root bus:\n" + enabled);
                assertTrue(said.contains("on the root PCI Express bus at slot " + slot.group(1)), said);
                assertEquals(controllers(original), controllers(enabled), "libvirt added or changed a controller");

                // it boots, and QEMU has the device where we put it: bus 0 (pcie.0), that slot
                domain.create();
                String cmdline = Files.readString(Path.of("/proc/" + qemuPid(name) + "/cmdline")).replace('\0', ' ');
                assertTrue(cmdline.contains("ivshmem-plain") && cmdline.contains("\"bus\":\"pcie.0\",\"addr\":\"" + slot.group(1) + "\""),
                        cmdline);
                domain.destroy();

                admin("disable", name, "--forget");
                assertEquals(original, domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
            } finally {
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
                Files.deleteIfExists(Path.of("/dev/shm/looking-glass-" + name)); // QEMU made it (direct mode makes none)
            }
        } finally {
            libvirt.close();
        }
    }

    /** A q35 VM whose root bus is full of the user's (empty) root ports: slots 0x02 to 0x1c but libvirt's own. */
    private static String q35GuestWithAFullRootBus(String name) {
        StringBuilder ports = new StringBuilder();
        int index = 1;
        for (int slot = 0x02; slot <= 0x1c; slot++) {
            if (slot == 0x1b) {
                continue; // kept for ICH9 sound by libvirt, as PciRootSlots knows
            }
            ports.append(String.format("    <controller type='pci' index='%d' model='pcie-root-port'><address"
                    + " type='pci' domain='0x0000' bus='0x00' slot='0x%02x' function='0x0'/></controller>%n", index++, slot));
        }
        return q35Guest(name).replace("  <devices>\n", "  <devices>\n" + ports);
    }

    /**
     * No root slot is free: libvirt places the device itself, behind a pcie-to-pci-bridge it adds. lg-admin records
     * what libvirt added, the VM boots, and disable --forget takes exactly that away: the user's ports are as they were.
     */
    @Test
    void onAFullRootBusWhatLibvirtAddsIsRecordedAndForgetTakesExactlyThatAway() throws Exception {
        Prerequisite.root();
        String name = UniqueNames.next();
        Connect libvirt = RealLibvirt.connect();
        try {
            Domain domain = libvirt.domainDefineXML(q35GuestWithAFullRootBus(name));
            try {
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);

                String said = admin("enable", name, "--resolution", "1080p", "--user", "root").stdout();
                String enabled = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                assertTrue(said.contains("the root PCI Express bus has no free slot"), said);
                assertTrue(said.contains("libvirt added ") && said.contains("pcie-to-pci-bridge (index "), said + "\n" + enabled);
                assertTrue(enabled.contains("placed-by-libvirt"), enabled);
                // libvirt marks the port sharing the new one's slot multifunction: what disable puts back
                List<String> missing = new java.util.ArrayList<>(controllers(original));
                missing.removeAll(controllers(enabled.replace(" multifunction='on'", "")));
                assertEquals(List.of(), missing, "the user's controllers stay");
                System.out.println("--- lg-admin enable on a full root bus ---\n" + said);

                domain.create();
                assertTrue(Files.readString(Path.of("/proc/" + qemuPid(name) + "/cmdline")).contains("ivshmem-plain"));
                domain.destroy();

                String disabled = admin("disable", name, "--forget").stdout();
                assertTrue(disabled.contains("removed what libvirt added for the device: pcie-to-pci-bridge"), disabled);
                String after = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                // libvirt keeps controllers sorted when it inserts one, so pcie-root may have moved: the same
                // controllers, and everything else byte for byte
                assertEquals(controllers(original).stream().sorted().toList(), controllers(after).stream().sorted().toList());
                assertEquals(withoutControllers(original), withoutControllers(after));
            } finally {
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
                Files.deleteIfExists(Path.of("/dev/shm/looking-glass-" + name));
            }
        } finally {
            libvirt.close();
        }
    }

    private static long qemuPid(String name) throws Exception {
        return Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu/" + name + ".pid")).strip());
    }
}
