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
    void onQ35TheHighestFreeRootSlotIsTakenAndAFullRootBusIsSaidAloud() throws Exception {
        EditResult some = DomainXmlEditor.enable(domain("q35", 2, 0x1a, ""), LookingGlassSettings.defaults());
        assertTrue(some.xml().contains("<address type='pci' domain='0x0000' bus='0x00' slot='0x1c' function='0x0'/>"),
                some.xml());
        EditResult full = DomainXmlEditor.enable(domain("q35", 2, 0x1e, ""), LookingGlassSettings.defaults());
        assertTrue(full.notes().stream().anyMatch(n -> n.startsWith("warning: the root PCI Express bus has no free")),
                full.notes().toString());
    }
}
