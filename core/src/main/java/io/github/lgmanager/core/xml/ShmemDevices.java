// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The managed {@code <shmem>} device of shm mode: found by name, created, corrected, removed. */
final class ShmemDevices {

    static final String MODEL = "ivshmem-plain";

    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1000L), Map.entry("k", 1024L), Map.entry("kib", 1024L),
            Map.entry("mb", 1000L * 1000), Map.entry("m", 1024L * 1024), Map.entry("mib", 1024L * 1024),
            Map.entry("gb", 1000L * 1000 * 1000), Map.entry("g", 1024L * 1024 * 1024),
            Map.entry("gib", 1024L * 1024 * 1024), Map.entry("tb", 1000L * 1000 * 1000 * 1000),
            Map.entry("t", 1024L * 1024 * 1024 * 1024), Map.entry("tib", 1024L * 1024 * 1024 * 1024));

    private ShmemDevices() {
    }

    static List<XElement> named(DomainDocument doc, String name) {
        return doc.devices().map(d -> d.elements("shmem").filter(s -> name.equals(s.attrOr("name", ""))).toList())
                .orElse(List.of());
    }

    /** The configured size in bytes, or empty if it is missing or not a libvirt scaled integer. */
    static Optional<Long> sizeBytes(XElement shmem) {
        Optional<XElement> size = shmem.element("size");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        Long scale = UNITS.get(size.get().attrOr("unit", "b").toLowerCase(Locale.ROOT));
        try {
            long n = Long.parseLong(size.get().text().strip());
            return scale == null ? Optional.empty() : Optional.of(Math.multiplyExact(n, scale));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Makes sure exactly one {@code <shmem name=NAME>} of the given size and model exists. */
    static void ensure(DomainDocument doc, String name, long sizeMiB, List<String> notes) throws DomainXmlException {
        List<XElement> found = named(doc, name);
        for (XElement extra : found.subList(Math.min(1, found.size()), found.size())) {
            DomainDocument.remove(extra);
            notes.add("removed a duplicate <shmem name='" + name + "'> (libvirt would refuse two)");
        }
        if (found.isEmpty()) {
            Optional<String> noRoom = PciRootSlots.noRoomOnPc(doc);
            if (noRoom.isPresent()) {
                throw new DomainXmlException("cannot enable Looking Glass on '" + doc.domainName() + "': "
                        + noRoom.get() + "; nothing was changed");
            }
            XElement devices = doc.devicesCreating(notes);
            Optional<PciRootSlots.Place> place = PciRootSlots.isQ35(doc) ? PciRootSlots.place(doc) : Optional.empty();
            if (PciRootSlots.isQ35(doc) && place.isEmpty()) {
                notes.add("the root PCI Express bus has no free slot, no multifunction slot a free function and no root"
                        + " port is empty: libvirt places the device behind a bridge it adds, and may mark one of the"
                        + " VM's root ports multifunction to make room; disable takes that away again");
            }
            DeviceOrder.insert(doc, devices, build(doc, name, sizeMiB, place));
            notes.add("added <shmem name='" + name + "'> (" + MODEL + ", " + sizeMiB + " MiB"
                    + place.map(p -> ", " + p.said()).orElse("") + ")");
            return;
        }
        correct(doc, found.get(0), name, sizeMiB, notes);
    }

    private static void correct(DomainDocument doc, XElement shmem, String name, long sizeMiB, List<String> notes) {
        Optional<XElement> model = shmem.element("model");
        String oldModel = model.map(m -> m.attrOr("type", "")).orElse("");
        if (!MODEL.equals(oldModel)) {
            if (model.isPresent()) {
                model.get().setAttr("type", MODEL, doc.quote);
            } else {
                doc.insertAfter(shmem, null, doc.newElement("model", "type", MODEL));
            }
            // server and msi belong to ivshmem-doorbell; ivshmem-plain has neither
            List<XElement> doorbell = shmem.elements().filter(e -> e.is("", "server") || e.is("", "msi")).toList();
            doorbell.forEach(DomainDocument::remove);
            notes.add("corrected <shmem name='" + name + "'>: model " + (oldModel.isEmpty() ? "(none)" : oldModel)
                    + " -> " + MODEL + (doorbell.isEmpty() ? "" : ", removed its doorbell-only "
                    + String.join(", ", doorbell.stream().map(e -> "<" + e.name + ">").toList())));
        }
        long wanted = sizeMiB * 1024 * 1024;
        Optional<Long> current = sizeBytes(shmem);
        if (current.isEmpty() || current.get() != wanted) {
            XElement size = doc.newTextElement("size", Long.toString(sizeMiB), "unit", "M");
            Optional<XElement> old = shmem.element("size");
            if (old.isPresent()) {
                doc.replace(old.get(), size);
            } else {
                doc.insertAfter(shmem, shmem.element("model").orElse(null), size);
            }
            notes.add("corrected <shmem name='" + name + "'>: size "
                    + current.map(b -> describe(b)).orElse("(missing or unreadable)") + " -> " + sizeMiB + " MiB");
        }
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static XElement build(DomainDocument doc, String name, long sizeMiB, Optional<PciRootSlots.Place> place) {
        XElement shmem = doc.newElement("shmem", "name", name);
        XElement model = doc.newElement("model", "type", MODEL);
        XElement size = doc.newTextElement("size", Long.toString(sizeMiB), "unit", "M");
        if (place.isEmpty()) {
            return DomainDocument.with(shmem, model, size);
        }
        return DomainDocument.with(shmem, model, size, doc.newElement("address", "type", "pci", "domain", "0x0000",
                "bus", place.get().bus(), "slot", place.get().slot(), "function", place.get().function()));
    }

    /** Removes every {@code <shmem name=NAME>}; true if there was one. */
    static boolean remove(DomainDocument doc, String name, List<String> notes) {
        List<XElement> found = named(doc, name);
        for (XElement e : found) {
            DomainDocument.remove(e);
        }
        if (!found.isEmpty()) {
            notes.add("removed <shmem name='" + name + "'>");
        }
        return !found.isEmpty();
    }
}
