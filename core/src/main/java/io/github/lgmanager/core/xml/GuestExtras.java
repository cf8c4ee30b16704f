// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.SpiceSockets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Applies the opted-in {@link GuestExtra}s; each one is a no-op if the VM already has it. */
final class GuestExtras {

    private GuestExtras() {
    }

    static void apply(DomainDocument doc, Set<GuestExtra> extras, LookingGlassSettings target, List<String> notes) {
        if (extras.isEmpty()) {
            return;
        }
        XElement devices = doc.devicesCreating(notes);
        if (extras.contains(GuestExtra.SPICE_GRAPHICS)) {
            spiceGraphics(doc, devices, SpiceSockets.socketFor(target.shmName()), notes);
        }
        if (extras.contains(GuestExtra.VIRTIO_INPUT)) {
            virtioInput(doc, devices, notes);
        }
        if (extras.contains(GuestExtra.SPICE_CLIPBOARD)) {
            clipboard(doc, devices, notes);
        }
        if (extras.contains(GuestExtra.MEMBALLOON_NONE)) {
            memballoon(doc, devices, notes);
        }
        if (extras.contains(GuestExtra.VGA_VIDEO)) {
            video(doc, devices, notes);
        }
    }

    /**
     * SPICE (keyboard, mouse, clipboard) on a UNIX socket only the VM's listed users can reach: added when the VM
     * has none, and an existing SPICE server is moved off TCP, where any local user could connect and type into
     * the guest. Everything else of the user's graphics element stays.
     */
    private static void spiceGraphics(DomainDocument doc, XElement devices, String socket, List<String> notes) {
        Optional<XElement> existing = devices.elements("graphics").filter(g -> "spice".equals(g.attrOr("type", "")))
                .findFirst();
        XElement listen = doc.newElement("listen", "type", "socket", "socket", socket);
        if (existing.isEmpty()) {
            XElement g = doc.newElement("graphics", "type", "spice");
            DomainDocument.with(g, listen);
            DeviceOrder.insert(doc, devices, g);
            notes.add("added SPICE graphics listening on " + socket + " (only the VM's users can connect)");
            return;
        }
        XElement g = existing.get();
        boolean already = g.elements("listen").anyMatch(l -> "socket".equals(l.attrOr("type", ""))
                && socket.equals(l.attrOr("socket", ""))) && g.attr("port").isEmpty() && g.attr("autoport").isEmpty();
        if (already) {
            return;
        }
        String was = g.attr("listen").or(() -> g.elements("listen").findFirst().flatMap(l -> l.attr("address")))
                .orElse("the address qemu.conf gives");
        for (String attribute : List.of("port", "tlsPort", "autoport", "listen")) {
            g.removeAttr(attribute);
        }
        g.elements("listen").toList().forEach(DomainDocument::remove);
        doc.insertBefore(g, null, listen);
        notes.add("moved SPICE from TCP (" + was + ") to " + socket + ": on TCP any local user could type into the"
                + " guest" + (g.attr("passwd").isPresent() ? "; its password is kept, but looking-glass-client B7"
                + " cannot send one: remove it with virsh edit" : ""));
    }

    private static void virtioInput(DomainDocument doc, XElement devices, List<String> notes) {
        for (XElement tablet : devices.elements("input").filter(i -> "tablet".equals(i.attrOr("type", ""))).toList()) {
            DomainDocument.remove(tablet);
            notes.add("removed <input type='tablet'> (the client sends relative motion)");
        }
        for (String type : List.of("mouse", "keyboard")) {
            boolean present = devices.elements("input")
                    .anyMatch(i -> type.equals(i.attrOr("type", "")) && "virtio".equals(i.attrOr("bus", "")));
            if (!present) {
                DeviceOrder.insert(doc, devices, doc.newElement("input", "type", type, "bus", "virtio"));
                notes.add("added <input type='" + type + "' bus='virtio'> (the guest needs the virtio-input driver)");
            }
        }
    }

    private static void clipboard(DomainDocument doc, XElement devices, List<String> notes) {
        boolean present = devices.elements("channel").anyMatch(c -> "spicevmc".equals(c.attrOr("type", ""))
                && c.element("target").map(t -> "com.redhat.spice.0".equals(t.attrOr("name", ""))).orElse(false));
        if (present) {
            return;
        }
        XElement channel = doc.newElement("channel", "type", "spicevmc");
        DomainDocument.with(channel, doc.newElement("target", "type", "virtio", "name", "com.redhat.spice.0"));
        DeviceOrder.insert(doc, devices, channel);
        notes.add("added the spicevmc clipboard channel (com.redhat.spice.0)");
    }

    private static void memballoon(DomainDocument doc, XElement devices, List<String> notes) {
        Optional<XElement> balloon = devices.element("memballoon");
        XElement none = doc.newElement("memballoon", "model", "none");
        if (balloon.isEmpty()) {
            // without the element, libvirt's QEMU driver adds a virtio balloon by itself
            DeviceOrder.insert(doc, devices, none);
            notes.add("added <memballoon model='none'/> (the guest loses memory ballooning)");
        } else if (!"none".equals(balloon.get().attrOr("model", ""))) {
            notes.add("replaced <memballoon model='" + balloon.get().attrOr("model", "") + "'> by model='none'"
                    + " (the guest loses memory ballooning)");
            doc.replace(balloon.get(), none);
        }
    }

    private static void video(DomainDocument doc, XElement devices, List<String> notes) {
        Optional<XElement> video = devices.element("video");
        if (video.isEmpty()) {
            XElement v = DomainDocument.with(doc.newElement("video"), doc.newElement("model", "type", "vga"));
            DeviceOrder.insert(doc, devices, v);
            notes.add("added <video> with model vga");
            return;
        }
        Optional<XElement> model = video.get().element("model");
        String old = model.map(m -> m.attrOr("type", "")).orElse("");
        if (old.equals("vga")) {
            return;
        }
        // qxl's ram/vram/heads sizes do not apply to vga; keep only which adapter is primary
        XElement vga = doc.newElement("model", "type", "vga");
        model.flatMap(m -> m.attr("primary")).ifPresent(p -> vga.setAttr("primary", p, doc.quote));
        if (model.isPresent()) {
            doc.replace(model.get(), vga);
        } else {
            doc.insertAfter(video.get(), null, vga);
        }
        notes.add("changed the video model " + (old.isEmpty() ? "(none)" : old) + " -> vga");
    }
}
