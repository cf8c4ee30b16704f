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
 * q35 VMs through the real libvirtd's qemu driver (which assigns PCI addresses; the test driver does not): lg-admin
 * enable, start under TCG, disable --forget. Before we chose the place, libvirt put the ivshmem-plain device behind a
 * new pcie-root-port and pcie-to-pci-bridge that stayed after disable --forget. One layout per place we choose (a
 * root slot, a function of a multifunction slot, an empty root port), and one with no place left.
 */
class Q35PlacementE2E {
    private static final Pattern CONTROLLER =
            Pattern.compile("<controller [^>]*/>|<controller [^>]*[^/]>[\\s\\S]*?</controller>");
    /** Every VM this class defines starts with it, so that a leftover is known as ours. */
    private static final String PREFIX = "lgq35-";
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


    /** A q35 VM as virt-manager makes them: the device on a free slot of the root bus, 0x1c. */
    @Test
    void enableOnQ35AddsNoControllerBootsWithTheDeviceOnTheRootBusAndForgetRestoresTheDefinition() throws Exception {
        onAPlaceOfOurOwn(Q35PlacementE2E::q35Guest, "on the root PCI Express bus at slot 0x1c",
                "\"bus\":\"pcie.0\",\"addr\":\"0x1c\"");
    }

    /** Slots 0x02 to 0x1c of the root bus (not libvirt's 0x1b), one of the user's pcie-root-ports in each. */
    private static String rootPorts(java.util.function.IntFunction<String> inPort) {
        StringBuilder ports = new StringBuilder();
        int index = 1;
        for (int slot = 0x02; slot <= 0x1c; slot++) {
            if (slot == 0x1b) {
                continue; // kept for ICH9 sound by libvirt, as PciRootSlots knows
            }
            ports.append(String.format("    <controller type='pci' index='%d' model='pcie-root-port'><address"
                    + " type='pci' domain='0x0000' bus='0x00' slot='0x%02x' function='0x0'/></controller>%n", index, slot));
            ports.append(inPort.apply(index++));
        }
        return ports.toString();
    }

    private static String withDevices(String name, String devices) {
        return q35Guest(name).replace("  <devices>\n", "  <devices>\n" + devices);
    }

    /** A virtio-scsi controller in the user's port: the port holds a device, like a disk controller or a NIC. */
    private static String scsiIn(int port) {
        return String.format("    <controller type='scsi' index='%d' model='virtio-scsi'><address type='pci'"
                + " domain='0x0000' bus='0x%02x' slot='0x00' function='0x0'/></controller>%n", port - 1, port);
    }

    /**
     * The root bus full of the user's root ports, all empty (the corpus's 42-q35-full-root-bus): our device goes into
     * the last empty one. libvirt adds nothing and changes none of the user's elements, it boots with the device
     * behind that port, and disable --forget gives the definition back byte for byte.
     */
    @Test
    void onAFullRootBusTheDeviceGoesIntoAnEmptyRootPortAndNothingOfTheUsersChanges() throws Exception {
        onAPlaceOfOurOwn(name -> withDevices(name, rootPorts(port -> "")),
                "in the empty pcie-root-port (index 26), the only slot there", "\"bus\":\"pci.26\",\"addr\":\"0x0\"");
    }

    /**
     * The root bus full of the user's root ports, each holding a device; libvirt puts the ports it adds for the
     * USB controller and the balloon as functions of slot 0x02 (which it makes multifunction when it defines the
     * user's VM). Our device takes a free function of that slot: nothing added, nothing changed.
     */
    @Test
    void onAFullRootBusOfUsedPortsTheDeviceTakesAFreeFunctionOfAMultifunctionSlot() throws Exception {
        onAPlaceOfOurOwn(name -> withDevices(name, rootPorts(Q35PlacementE2E::scsiIn)),
                "on the root PCI Express bus at slot 0x02 function 7, beside the devices already in that multifunction"
                        + " slot", "\"bus\":\"pcie.0\",\"addr\":\"0x2.0x7\"");
    }

    private static void onAPlaceOfOurOwn(java.util.function.Function<String, String> layout, String placed, String onQemu)
            throws Exception {
        Prerequisite.root();
        String name = UniqueNames.next(PREFIX);
        Connect libvirt = RealLibvirt.connect();
        try {
            Domain domain = libvirt.domainDefineXML(layout.apply(name));
            try {
                // libvirt appends the pcie-root it adds to a new definition, and sorts it to the front on the next
                // define, ours or anyone's: the user's VM is the one after that (a second define changes nothing)
                domain = libvirt.domainDefineXML(domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                assertTrue(!original.contains("<shmem"), original);

                String said = admin("enable", name, "--resolution", "1080p", "--user", "root").stdout();
                String enabled = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                assertTrue(said.contains(placed), said);
                assertTrue(!said.contains("libvirt added") && !enabled.contains("placed-by-libvirt"), said);
                assertEquals(controllers(original), controllers(enabled), "libvirt added or changed a controller");
                assertOnlyAdded(original, enabled);

                domain.create();
                String cmdline = Files.readString(Path.of("/proc/" + qemuPid(name) + "/cmdline")).replace('\0', ' ');
                assertTrue(cmdline.contains("ivshmem-plain") && cmdline.contains(onQemu), cmdline);
                domain.destroy();

                admin("disable", name, "--forget");
                assertEquals(original, domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
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

    /** Every line of the original is still there, in order, unchanged: enable only added lines. */
    private static void assertOnlyAdded(String original, String enabled) {
        List<String> before = original.lines().toList();
        int j = 0;
        for (String line : enabled.lines().toList()) {
            if (j < before.size() && before.get(j).equals(line)) {
                j++;
            }
        }
        assertEquals(before.size(), j, "enable changed or reordered a line of the user's definition:\n" + enabled);
    }

    /**
     * No place of our own: the root bus full of the user's ports, each holding a device, every device (USB and
     * balloon too) in a port with an address of the user's, so no slot is multifunction. libvirt places the device
     * itself, behind a pcie-to-pci-bridge in a pcie-root-port it adds as function 1 of the user's slot 0x02, whose port
     * it marks multifunction. lg-admin records what libvirt added, the VM boots, and disable --forget takes exactly
     * that away: the definition is the user's again, byte for byte.
     */
    @Test
    void withNoPlaceLeftWhatLibvirtAddsIsRecordedAndForgetTakesExactlyThatAway() throws Exception {
        Prerequisite.root();
        String name = UniqueNames.next(PREFIX);
        // the USB controller and the balloon in the last two ports instead of virtio-scsi controllers
        String devices = rootPorts(port -> port == 25 ? "" : port == 26 ? "" : scsiIn(port));
        String guest = withDevices(name, devices)
                .replace("<controller type='usb' model='qemu-xhci'/>", "<controller type='usb' model='qemu-xhci'>"
                        + "<address type='pci' domain='0x0000' bus='0x19' slot='0x00' function='0x0'/></controller>")
                .replace("<memballoon model='virtio'/>", "<memballoon model='virtio'><address type='pci'"
                        + " domain='0x0000' bus='0x1a' slot='0x00' function='0x0'/></memballoon>");
        Connect libvirt = RealLibvirt.connect();
        try {
            Domain domain = libvirt.domainDefineXML(guest);
            try {
                // the user's VM as libvirt keeps it after a second define (see onAPlaceOfOurOwn)
                domain = libvirt.domainDefineXML(domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                assertTrue(!original.contains("multifunction"), "no multifunction slot to start with:\n" + original);

                String said = admin("enable", name, "--resolution", "1080p", "--user", "root").stdout();
                String enabled = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                assertTrue(said.contains("the root PCI Express bus has no free slot"), said);
                assertTrue(said.contains("libvirt added ") && said.contains("pcie-to-pci-bridge (index "), said + "\n" + enabled);
                assertTrue(enabled.contains("placed-by-libvirt"), enabled);
                // libvirt marks the port sharing the new one's slot multifunction: what disable puts back
                List<String> missing = new java.util.ArrayList<>(controllers(original));
                missing.removeAll(controllers(enabled.replace(" multifunction='on'", "")));
                assertEquals(List.of(), missing, "the user's controllers stay");
                System.out.println("--- lg-admin enable with no place left ---\n" + said);

                domain.create();
                assertTrue(Files.readString(Path.of("/proc/" + qemuPid(name) + "/cmdline")).contains("ivshmem-plain"));
                domain.destroy();

                String disabled = admin("disable", name, "--forget").stdout();
                System.out.println("--- lg-admin disable --forget ---\n" + disabled);
                assertTrue(disabled.contains("removed what libvirt added for the device: pcie-to-pci-bridge"), disabled);
                assertEquals(original, domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
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
