// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Where our device can go: a free root-bus slot on q35, and a plain refusal where no slot is left at all. */
class PciRootSlotsTest {
    private static String domain(String machine, int firstSlot, int lastSlot, String extra) {
        String nics = IntStream.rangeClosed(firstSlot, lastSlot).mapToObj(slot -> String.format(
                "    <interface type='user'><model type='virtio'/><address type='pci' domain='0x0000' bus='0x00'"
                + " slot='0x%02x' function='0x0'/></interface>%n", slot)).collect(Collectors.joining());
        return "<domain type='qemu'>\n  <name>full</name>\n  <memory unit='MiB'>128</memory>\n"
                + "  <os><type arch='x86_64' machine='" + machine + "'>hvm</type></os>\n  <devices>\n" + nics + extra
                + "  </devices>\n</domain>\n";
    }

    @Test
    void aFullI440fxBusIsRefusedInPlainWordsAndNothingChanges() {
        String xml = domain("pc", 2, 31, "");
        DomainXmlException e = assertThrows(DomainXmlException.class,
                () -> DomainXmlEditor.enable(xml, LookingGlassSettings.defaults()));
        assertEquals("cannot enable Looking Glass on 'full': its PCI bus 0 has no free slot (slots 2 to 31 are all in"
                + " use) and no PCI bridge has room, so there is nowhere to plug the ivshmem device; remove a device the VM does not"
                + " need (virsh edit full), or move some behind a <controller type='pci' model='pci-bridge'/>; nothing"
                + " was changed", e.getMessage());
    }

    @Test
    void aBridgeWithRoomOrOneFreeSlotIsEnough() throws Exception {
        String bridge = "    <controller type='pci' index='1' model='pci-bridge'><address type='pci' domain='0x0000'"
                + " bus='0x00' slot='0x1f' function='0x0'/></controller>\n";
        assertTrue(DomainXmlEditor.enable(domain("pc", 2, 30, bridge), LookingGlassSettings.defaults()).changed());
        assertTrue(DomainXmlEditor.enable(domain("pc", 3, 31, ""), LookingGlassSettings.defaults()).changed());
    }

    @Test
    void anExpanderBusWithRoomIsEnoughToo() throws Exception {
        String pxb = "    <controller type='pci' index='1' model='pci-expander-bus'><target busNr='254'/><address"
                + " type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x0'/></controller>\n";
        assertTrue(DomainXmlEditor.enable(domain("pc", 2, 30, pxb), LookingGlassSettings.defaults()).changed());
    }

    @Test
    void onQ35TheHighestFreeRootSlotIsTakenAndAFullRootBusIsSaidAloud() throws Exception {
        EditResult some = DomainXmlEditor.enable(domain("q35", 2, 0x1a, ""), LookingGlassSettings.defaults());
        assertTrue(some.xml().contains("<address type='pci' domain='0x0000' bus='0x00' slot='0x1c' function='0x0'/>"),
                some.xml());
        EditResult full = DomainXmlEditor.enable(domain("q35", 2, 0x1e, ""), LookingGlassSettings.defaults());
        assertTrue(full.notes().stream().anyMatch(n -> n.equals("the root PCI Express bus has no free slot, no"
                + " multifunction slot a free function and no root port is empty: libvirt places the device behind a"
                + " bridge it adds, and may mark one of the VM's root ports multifunction to make room; disable takes"
                + " that away again")), full.notes().toString());
        assertTrue(DomainXmlEditor.placementLeftToLibvirt(full.xml()), "its place is left to libvirt");
        assertTrue(!DomainXmlEditor.placementLeftToLibvirt(some.xml()), "a slot of our choosing");
    }

    /**
     * What libvirt 9.0 did with a full root bus, in the shape it wrote it: a pcie-root-port in the user's slot 0x02
     * at function 1 (the user's port at function 0 made multifunction) and a pcie-to-pci-bridge in it holding the
     * device. Recorded after the define; disable takes exactly those away, and the user's port is as it was.
     */
    @Test
    void whatLibvirtAddedIsRecordedAndDisableTakesExactlyThatAway() throws Exception {
        String userPort = "    <controller type='pci' index='1' model='pcie-root-port'>\n"
                + "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'%s/>\n"
                + "    </controller>\n";
        String port9 = "    <controller type='pci' index='9' model='pcie-root-port'/>\n";
        String inThem = "    <watchdog model='i6300esb'><address type='pci' domain='0x0000' bus='0x01' slot='0x00'"
                + " function='0x0'/></watchdog>\n    <rng model='virtio'><address type='pci' domain='0x0000' bus='0x09'"
                + " slot='0x00' function='0x0'/></rng>\n";
        String original = domain("q35", 3, 0x1e, String.format(userPort, "") + port9 + inThem);
        EditResult enabled = DomainXmlEditor.enable(original, LookingGlassSettings.defaults());
        String readBack = enabled.xml()
                .replace(String.format(userPort, ""), String.format(userPort, " multifunction='on'")
                        + "    <controller type='pci' index='10' model='pcie-root-port'>\n"
                        + "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x1'/>\n"
                        + "    </controller>\n"
                        + "    <controller type='pci' index='11' model='pcie-to-pci-bridge'>\n"
                        + "      <address type='pci' domain='0x0000' bus='0x0a' slot='0x00' function='0x0'/>\n"
                        + "    </controller>\n")
                .replace("<size unit='M'>32</size>", "<size unit='M'>32</size>\n      <address type='pci'"
                        + " domain='0x0000' bus='0x0b' slot='0x01' function='0x0'/>");
        EditResult recorded = DomainXmlEditor.recordLibvirtAdditions(enabled.xml(), readBack).orElseThrow();
        assertEquals(java.util.List.of("libvirt added multifunction to pcie-root-port (index 1), pcie-root-port"
                + " (index 10), pcie-to-pci-bridge (index 11) to place the device; recorded in our metadata, and"
                + " disable takes them away again"), recorded.notes());
        assertTrue(DomainXmlEditor.recordLibvirtAdditions(enabled.xml(), enabled.xml()).isEmpty(), "nothing added");

        EditResult forgotten = DomainXmlEditor.disableAndForget(recorded.xml());
        assertEquals(original, forgotten.xml(), "the original, the user's ports 1 and 9 as they were");
        String kept = DomainXmlEditor.disable(recorded.xml()).xml();
        assertTrue(!kept.contains("index='10'") && !kept.contains("index='11'") && !kept.contains("multifunction")
                && !kept.contains("placed-by-libvirt") && kept.contains("index='9'"), kept);
    }

    /** A root bus with no free slot, where the user made slot 0x02 multifunction and left functions free. */
    @Test
    void onAFullRootBusAFreeFunctionOfAMultifunctionSlotIsTakenAndNothingOfTheUsersChanges() throws Exception {
        String ports = "    <controller type='pci' index='1' model='pcie-root-port'><address type='pci' domain='0x0000'"
                + " bus='0x00' slot='0x02' function='0x0' multifunction='on'/></controller>\n"
                + "    <controller type='pci' index='2' model='pcie-root-port'><address type='pci' domain='0x0000'"
                + " bus='0x00' slot='0x02' function='0x1'/></controller>\n"
                + "    <rng model='virtio'><address type='pci' domain='0x0000' bus='0x01' slot='0x00'/></rng>\n"
                + "    <rng model='virtio'><address type='pci' domain='0x0000' bus='0x02' slot='0x00'/></rng>\n";
        String original = domain("q35", 3, 0x1e, ports);
        EditResult enabled = DomainXmlEditor.enable(original, LookingGlassSettings.defaults());
        assertTrue(enabled.xml().contains("<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x7'/>"),
                enabled.xml());
        assertTrue(enabled.notes().contains("added <shmem name='looking-glass'> (ivshmem-plain, 32 MiB, on the root PCI"
                + " Express bus at slot 0x02 function 7, beside the devices already in that multifunction slot)"),
                enabled.notes().toString());
        assertTrue(!DomainXmlEditor.placementLeftToLibvirt(enabled.xml()), "a place of our choosing");
        assertEquals(original, DomainXmlEditor.disableAndForget(enabled.xml()).xml());
    }

    /** A root bus with no free slot and no multifunction slot, where one of the user's root ports is empty. */
    @Test
    void onAFullRootBusTheLastEmptyRootPortIsTakenAndPortsInUseAreNot() throws Exception {
        String ports = "    <controller type='pci' index='1' model='pcie-root-port'><address type='pci' domain='0x0000'"
                + " bus='0x00' slot='0x02' function='0x0'/></controller>\n"
                + "    <controller type='pci' index='2' model='pcie-switch-upstream-port'><address type='pci'"
                + " domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></controller>\n"
                + "    <controller type='pci' index='3' model='pcie-switch-downstream-port'><address type='pci'"
                + " domain='0x0000' bus='0x02' slot='0x00' function='0x0'/></controller>\n"
                + "    <controller type='pci' index='4' model='pcie-switch-downstream-port'><address type='pci'"
                + " domain='0x0000' bus='0x02' slot='0x01' function='0x0'/></controller>\n"
                + "    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x03'"
                + " slot='0x00' function='0x0'/></source><address type='pci' domain='0x0000' bus='0x04' slot='0x00'"
                + " function='0x0'/></hostdev>\n";
        String original = domain("q35", 3, 0x1e, ports);
        EditResult enabled = DomainXmlEditor.enable(original, LookingGlassSettings.defaults());
        // port 4 holds the passed-through device (its host address, bus 0x03, is not a guest bus): port 3 is empty
        assertTrue(enabled.xml().contains("<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>\n"
                + "    </shmem>"), enabled.xml());
        assertTrue(enabled.notes().contains("added <shmem name='looking-glass'> (ivshmem-plain, 32 MiB, in the empty"
                + " pcie-switch-downstream-port (index 3), the only slot there)"), enabled.notes().toString());
        assertEquals(original, DomainXmlEditor.disableAndForget(enabled.xml()).xml());
    }

    @Test
    void aRecordedControllerThatNowHoldsSomethingElseStays() throws Exception {
        String original = domain("q35", 3, 0x1e, "");
        EditResult enabled = DomainXmlEditor.enable(original, LookingGlassSettings.defaults());
        String bridge = "    <controller type='pci' index='11' model='pcie-to-pci-bridge'/>\n";
        String readBack = enabled.xml().replace("  </devices>", bridge + "  </devices>");
        String recorded = DomainXmlEditor.recordLibvirtAdditions(enabled.xml(), readBack).orElseThrow().xml();
        // the user later plugs a device of their own into the bridge
        String used = recorded.replace("  </devices>", "    <watchdog model='i6300esb'><address type='pci'"
                + " domain='0x0000' bus='0x0b' slot='0x02' function='0x0'/></watchdog>\n  </devices>");
        String disabled = DomainXmlEditor.disableAndForget(used).xml();
        assertTrue(disabled.contains(bridge), "the bridge now holds the user's device: " + disabled);
    }
}
