// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What libvirt added to a definition for our device when it placed the device itself: on a q35 machine whose root bus
 * has no free slot ({@link PciRootSlots}), libvirt puts the conventional PCI ivshmem device behind a new
 * pcie-to-pci-bridge, in a new pcie-root-port when no empty one is left, and may mark an existing root port
 * multifunction to make room for the new one. None of it is the user's, and none of it would go with our device.
 *
 * <p>After the define, the read-back definition is compared with the one we gave ({@link #between}); what libvirt
 * added is kept as {@code <lgm:placed-by-libvirt>} in our metadata element (which settings changes leave alone), and
 * disable takes exactly that away again ({@link #undo}): a recorded controller only while it still has the recorded
 * model and nothing is plugged into it, a multifunction flag only while its slot holds no other function. Elements the
 * user had are never touched.
 */
final class LibvirtAdditions {
    static final String RECORD = "placed-by-libvirt";

    /** A controller libvirt added (type, index, model), or an existing controller it made multifunction. */
    record Change(String kind, String type, String index, String model) {
        static final String ADDED = "controller";
        static final String MULTIFUNCTION = "multifunction";
    }

    private LibvirtAdditions() {
    }

    /** What {@code after} (libvirt's read-back) has that {@code before} (what we defined) had not. */
    static List<Change> between(DomainDocument before, DomainDocument after) {
        Map<String, XElement> known = controllers(before);
        List<Change> changes = new ArrayList<>();
        controllers(after).forEach((key, controller) -> {
            XElement old = known.get(key);
            if (old == null) {
                changes.add(new Change(Change.ADDED, controller.attrOr("type", ""), controller.attrOr("index", ""),
                        controller.attrOr("model", "")));
            } else if (multifunction(controller) && !multifunction(old)) {
                changes.add(new Change(Change.MULTIFUNCTION, controller.attrOr("type", ""),
                        controller.attrOr("index", ""), controller.attrOr("model", "")));
            }
        });
        return changes;
    }

    /** Writes the record into our metadata element (which must exist). */
    static void record(DomainDocument doc, XElement ours, List<Change> changes) {
        String p = Optional.ofNullable(ours.lookupPrefix(SettingsCodec.NAMESPACE)).filter(s -> !s.isEmpty())
                .map(s -> s + ":").orElse("");
        ours.elements().filter(e -> e.is(SettingsCodec.NAMESPACE, RECORD)).toList().forEach(DomainDocument::remove);
        XElement record = doc.newElement(p + RECORD);
        for (Change c : changes) {
            DomainDocument.with(record, doc.newElement(p + c.kind(), "type", c.type(), "index", c.index(), "model",
                    c.model()));
        }
        doc.insertBefore(ours, null, record);
    }

    /** The recorded changes, and takes the record away. */
    static List<Change> takeRecord(XElement ours) {
        List<Change> changes = new ArrayList<>();
        for (XElement record : ours.elements().filter(e -> e.is(SettingsCodec.NAMESPACE, RECORD)).toList()) {
            record.elements().forEach(e -> changes.add(new Change(e.localName(), e.attrOr("type", ""),
                    e.attrOr("index", ""), e.attrOr("model", ""))));
            DomainDocument.remove(record);
        }
        return changes;
    }

    /** Undoes recorded changes whose elements are still as libvirt left them and unused; says what it did. */
    static void undo(DomainDocument doc, List<Change> changes, List<String> notes) {
        List<String> removed = new ArrayList<>();
        // the deepest first: a bridge sits in the root port added with it, and has the higher index
        List<Change> added = changes.stream().filter(c -> c.kind().equals(Change.ADDED))
                .sorted(Comparator.comparingInt((Change c) -> number(c.index())).reversed()).toList();
        for (Change c : added) {
            Optional<XElement> controller = controller(doc, c);
            if (controller.isPresent() && c.model().equals(controller.get().attrOr("model", ""))
                    && !inUse(doc, c)) {
                DomainDocument.remove(controller.get());
                removed.add(c.model() + " (index " + c.index() + ")");
            }
        }
        if (!removed.isEmpty()) {
            notes.add("removed what libvirt added for the device: " + String.join(", ", removed));
        }
        for (Change c : changes.stream().filter(c -> c.kind().equals(Change.MULTIFUNCTION)).toList()) {
            controller(doc, c).flatMap(e -> e.element("address")).ifPresent(address -> {
                if (multifunction(address.parent) && othersInSlot(doc, address) == 0) {
                    address.removeAttr("multifunction");
                    notes.add("restored " + c.model() + " (index " + c.index() + "): no longer multifunction, as"
                            + " before libvirt placed the device");
                }
            });
        }
    }

    private static Map<String, XElement> controllers(DomainDocument doc) {
        Map<String, XElement> byKey = new HashMap<>();
        doc.devices().ifPresent(d -> d.elements("controller")
                .forEach(c -> byKey.put(c.attrOr("type", "") + "/" + c.attrOr("index", ""), c)));
        return byKey;
    }

    private static Optional<XElement> controller(DomainDocument doc, Change c) {
        return Optional.ofNullable(controllers(doc).get(c.type() + "/" + c.index()));
    }

    private static boolean multifunction(XElement controller) {
        return controller.element("address").map(a -> "on".equals(a.attrOr("multifunction", ""))).orElse(false);
    }

    /** A PCI controller's index is the number of the bus it provides: in use when any address is on that bus. */
    private static boolean inUse(DomainDocument doc, Change c) {
        int bus = number(c.index());
        return doc.devices().map(d -> d.descendants().filter(e -> e.is("", "address"))
                .filter(a -> "pci".equals(a.attrOr("type", "")) && !isHostSide(a))
                .anyMatch(a -> a.attr("bus").map(LibvirtAdditions::number).orElse(-1) == bus)).orElse(false);
    }

    /** Other functions than function 0 in this address's bus and slot. */
    private static long othersInSlot(DomainDocument doc, XElement address) {
        int bus = address.attr("bus").map(LibvirtAdditions::number).orElse(-1);
        int slot = address.attr("slot").map(LibvirtAdditions::number).orElse(-1);
        return doc.devices().map(d -> d.descendants().filter(e -> e.is("", "address"))
                .filter(a -> "pci".equals(a.attrOr("type", "")) && !isHostSide(a))
                .filter(a -> a.attr("bus").map(LibvirtAdditions::number).orElse(-2) == bus
                        && a.attr("slot").map(LibvirtAdditions::number).orElse(-2) == slot)
                .filter(a -> a.attr("function").map(LibvirtAdditions::number).orElse(0) != 0).count()).orElse(0L);
    }

    /** A {@code <hostdev>}'s {@code <source><address>} names the host's device, not a guest bus. */
    private static boolean isHostSide(XElement address) {
        return address.parent != null && address.parent.is("", "source");
    }

    private static int number(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
