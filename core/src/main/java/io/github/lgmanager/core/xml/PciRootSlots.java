// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Where the ivshmem-plain device goes on a q35 machine. It is a conventional PCI device: left to itself, libvirt
 * puts it behind a new pcie-to-pci-bridge in one or two new pcie-root-ports, controllers that then outlive our
 * device, and on some layouts it marks the user's own root port multifunction. QEMU and libvirt accept it directly on
 * the PCI Express root bus (pcie.0) as an integrated device, so we give it a free slot there and nothing else moves.
 * i440fx machines need nothing: libvirt puts it straight on pci.0.
 */
final class PciRootSlots {
    /**
     * Slots on pcie.0 we never take: 0 is the host bridge, 1 is where libvirt puts the primary video, 0x1f holds
     * QEMU's built-in ICH9 functions (LPC, SATA, SMBus), and 0x1b, 0x1d and 0x1e are libvirt's places for ICH9
     * sound, USB and the DMI-to-PCI bridge when such a device has no address yet.
     */
    private static final List<Integer> KEPT_FOR_OTHERS = List.of(0x00, 0x01, 0x1b, 0x1d, 0x1e, 0x1f);
    private static final int SLOTS = 32;
    /** Ports with one slot for one device, that a user may keep empty for later. */
    private static final List<String> PORTS = List.of("pcie-root-port", "pcie-switch-downstream-port");

    private PciRootSlots() {
    }

    static boolean isQ35(DomainDocument doc) {
        return doc.root.element("os").flatMap(os -> os.element("type"))
                .map(type -> type.attrOr("machine", "").contains("q35")).orElse(false);
    }

    /**
     * A free slot on the root bus as libvirt writes it ("0x10"), or empty when every slot is taken (libvirt then
     * places the device as before). The highest free one first: libvirt fills the low slots with the root ports it
     * adds for devices that have no address yet.
     */
    static Optional<String> free(DomainDocument doc) {
        BitSet taken = new BitSet(SLOTS);
        KEPT_FOR_OTHERS.forEach(taken::set);
        doc.devices().ifPresent(devices -> devices.elements().forEach(device ->
                // the device's own address only: a <hostdev>'s <source><address> is the host's, not the guest's
                device.elements("address").forEach(address -> slotOnRootBus(address).ifPresent(taken::set))));
        for (int slot = SLOTS - 1; slot >= 0; slot--) {
            if (!taken.get(slot)) {
                return Optional.of(String.format("0x%02x", slot));
            }
        }
        return Optional.empty();
    }

    /** Where our device goes: an address as libvirt writes it, and how enable says it. */
    record Place(String bus, String slot, String function, String said) {
    }

    /**
     * A place on a q35 machine that changes none of the user's elements and adds none: a free slot on the root bus;
     * else a free function of a root-bus slot the user already made multifunction; else one of the user's empty
     * pcie-root-ports (or switch downstream ports), which hold one device at slot 0 and take a conventional PCI device
     * given there (libvirt allows it for an address from the configuration; SeaBIOS and OVMF map its BARs). Empty when
     * none is left: libvirt then adds a port and a bridge, and may mark a user's port multifunction, to place it
     * ({@link LibvirtAdditions}).
     */
    static Optional<Place> place(DomainDocument doc) {
        Optional<Place> root = free(doc).map(slot -> new Place("0x00", slot, "0x0",
                "on the root PCI Express bus at slot " + slot));
        return root.or(() -> freeFunction(doc)).or(() -> emptyPort(doc));
    }

    private static Optional<Place> freeFunction(DomainDocument doc) {
        java.util.Map<Integer, BitSet> functions = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        BitSet multifunction = new BitSet(SLOTS);
        for (XElement address : deviceAddresses(doc)) {
            slotOnRootBus(address).ifPresent(slot -> {
                int function = number(address.attrOr("function", "0"));
                functions.computeIfAbsent(slot, s -> new BitSet(8)).set(Math.max(0, function));
                if (function == 0 && "on".equals(address.attrOr("multifunction", ""))) {
                    multifunction.set(slot);
                }
            });
        }
        for (var slot : functions.entrySet()) {
            int free = slot.getValue().previousClearBit(7);
            if (multifunction.get(slot.getKey()) && !KEPT_FOR_OTHERS.contains(slot.getKey()) && free > 0) {
                String s = String.format("0x%02x", slot.getKey());
                return Optional.of(new Place("0x00", s, "0x" + free, "on the root PCI Express bus at slot " + s
                        + " function " + free + ", beside the devices already in that multifunction slot"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Place> emptyPort(DomainDocument doc) {
        BitSet used = new BitSet();
        deviceAddresses(doc).stream().filter(a -> "pci".equals(a.attrOr("type", ""))
                && number(a.attrOr("domain", "0")) == 0).forEach(a -> {
                    int bus = number(a.attrOr("bus", "0"));
                    if (bus >= 0) {
                        used.set(bus);
                    }
                });
        List<XElement> ports = doc.devices().map(d -> d.elements("controller")
                .filter(c -> "pci".equals(c.attrOr("type", "")))
                .filter(c -> PORTS.contains(c.attrOr("model", "")))
                .filter(c -> number(c.attrOr("index", "")) > 0 && !used.get(number(c.attrOr("index", ""))))
                .toList()).orElse(List.of());
        return ports.isEmpty() ? Optional.empty() : Optional.of(ports.get(ports.size() - 1)).map(port -> {
            int index = number(port.attrOr("index", ""));
            return new Place(String.format("0x%02x", index), "0x00", "0x0", "in the empty "
                    + port.attrOr("model", "") + " (index " + index + "), the only slot there");
        });
    }

    /** The devices' own addresses: a {@code <hostdev>}'s {@code <source><address>} is the host's, not the guest's. */
    private static List<XElement> deviceAddresses(DomainDocument doc) {
        return doc.devices().map(d -> d.elements().flatMap(device -> device.elements("address")).toList())
                .orElse(List.of());
    }

    private static int number(String text) {
        try {
            return Integer.decode(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * On an i440fx machine, why the device cannot be plugged anywhere, or empty when it can. With bus 0 full and no
     * bridge with room, libvirt would try to add a pci-bridge behind itself and fail with "PCI controller at index 1
     * (0x01) has bus='0x01', but index must be larger than bus", which never says that no slot is free.
     */
    static Optional<String> noRoomOnPc(DomainDocument doc) {
        if (isQ35(doc)) {
            return Optional.empty();
        }
        List<XElement> devices = doc.devices().map(d -> d.elements().toList()).orElse(List.of());
        java.util.Map<Integer, BitSet> taken = new java.util.HashMap<>();
        taken.computeIfAbsent(0, b -> new BitSet(SLOTS)).set(0, 2); // the host bridge, and PIIX3 (ISA, IDE, USB)
        for (XElement device : devices) {
            device.elements("address").forEach(address -> busAndSlot(address).ifPresent(
                    at -> taken.computeIfAbsent(at[0], b -> new BitSet(SLOTS)).set(at[1])));
        }
        int free = SLOTS - taken.get(0).cardinality();
        for (XElement device : devices) {
            String model = device.is("", "controller") ? device.attrOr("model", "") : "";
            if (model.equals("pci-bridge") || model.equals("pci-expander-bus")) {
                int index = Integer.parseInt(device.attrOr("index", "-1"));
                BitSet used = taken.getOrDefault(index, new BitSet(SLOTS));
                // a pci-bridge's slot 0 takes no device; an expander bus (pxb) takes one in every slot, and libvirt
                // places a device there by itself when bus 0 is full (seen with libvirt 9.0's pci-expander-bus test)
                free += model.equals("pci-bridge") ? (SLOTS - 1) - used.get(1, SLOTS).cardinality()
                        : SLOTS - used.cardinality();
            }
        }
        if (free > 0) {
            return Optional.empty();
        }
        return Optional.of("its PCI bus 0 has no free slot (slots 2 to 31 are all in use) and no PCI bridge has room, so there is"
                + " nowhere to plug the ivshmem device; remove a device the VM does not need (virsh edit "
                + doc.domainName() + "), or move some behind a <controller type='pci' model='pci-bridge'/>");
    }

    private static Optional<int[]> busAndSlot(XElement address) {
        if (!"pci".equals(address.attrOr("type", ""))) {
            return Optional.empty();
        }
        try {
            if (Integer.decode(address.attrOr("domain", "0")) != 0) {
                return Optional.empty();
            }
            return Optional.of(new int[] {Integer.decode(address.attrOr("bus", "0")),
                Integer.decode(address.attrOr("slot", "0"))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> slotOnRootBus(XElement address) {
        if (!"pci".equals(address.attrOr("type", ""))) {
            return Optional.empty();
        }
        try {
            boolean rootBus = Integer.decode(address.attrOr("domain", "0")) == 0
                    && Integer.decode(address.attrOr("bus", "0")) == 0;
            return rootBus ? Optional.of(Integer.decode(address.attrOr("slot", "0"))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // libvirt would refuse such an address anyway; it takes no slot we could use
        }
    }
}
