// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import static io.github.lgmanager.bench.xml.DomainRules.LGM_NS;
import static io.github.lgmanager.bench.xml.DomainRules.QEMU_NS;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.DomainXmlException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The production editor's shm-mode {@code enable} (no guest extras) over the JDK's DOM, written back with the JDK's
 * identity transformer. The two fix-ups a careful author would make are made: no XML declaration unless the input
 * had one, and the input's final line ends kept (the DOM has no text outside the root element).
 */
public final class DomDomainEditor {

    private DomDomainEditor() {
    }

    public static String enable(String xml, LookingGlassSettings settings) throws DomainXmlException {
        Document doc = JdkXml.dom(xml);
        Element root = doc.getDocumentElement();
        if (root.hasAttribute("id")) {
            throw new DomainXmlException("this is the live XML of a running VM; edit the persistent definition");
        }
        DomLayout layout = new DomLayout(doc);
        LookingGlassSettings target = settings.withEnabled(true);
        Optional<Element> ours = ours(root);
        Set<String> names = new LinkedHashSet<>();
        try {
            if (ours.isPresent()) {
                names.add(DomainRules.readSettings(DomLayout.toEl(ours.get())).shmName());
            }
        } catch (InvalidSettingsException e) {
            // replaced below, as the production editor does; only the old shm name is lost
        }
        removeKvmfr(root);
        for (String name : names) {
            if (!name.equals(target.shmName())) {
                shmem(root, name).forEach(DomLayout::remove);
            }
        }
        ensureShmem(root, layout, target);
        writeSettings(doc, root, ours, layout, target);
        String out = JdkXml.serialize(doc, xml.startsWith("<?xml")) + xml.substring(xml.lastIndexOf('>') + 1);
        if (out.equals(xml)) {
            return xml;
        }
        String problem = DomainRules.problemAfterEnable(DomDomainReader.definition(out), target);
        if (problem != null) {
            throw new DomainXmlException("the edited XML failed our own check (" + problem + "); nothing was changed");
        }
        return out;
    }

    private static Optional<Element> ours(Element root) {
        return DomLayout.elements(root, "", "metadata").stream().findFirst()
                .flatMap(m -> DomLayout.elements(m, LGM_NS, DomainRules.LGM_ROOT).stream().findFirst());
    }

    private static Optional<Element> devices(Element root) {
        return DomLayout.elements(root, "", "devices").stream().findFirst();
    }

    private static List<Element> shmem(Element root, String name) {
        return devices(root).map(d -> DomLayout.elements(d, "", "shmem").stream()
                .filter(s -> s.getAttribute("name").equals(name)).toList()).orElse(List.of());
    }

    private static void ensureShmem(Element root, DomLayout layout, LookingGlassSettings target) {
        List<Element> found = shmem(root, target.shmName());
        found.stream().skip(1).forEach(DomLayout::remove);
        if (found.isEmpty()) {
            Element shmem = layout.build(DomainRules.shmem(target.shmName(), target.sizeMiB()));
            Optional<Element> devices = devices(root);
            if (devices.isEmpty()) {
                Element created = layout.build(DomainRules.el("devices", "", ""));
                Element before = DomLayout.elements(root).stream().filter(e -> !DomLayout.ns(e).isEmpty()
                        || DomainRules.BEFORE_DEVICES_END.contains(e.getLocalName())).findFirst().orElse(null);
                layout.insertBefore(root, before, created);
                layout.insertAfter(created, null, shmem);
                return;
            }
            int rank = DomainRules.DEVICE_ORDER.indexOf("shmem");
            Element after = null;
            for (Element e : DomLayout.elements(devices.get())) {
                int r = DomainRules.DEVICE_ORDER.indexOf(e.getLocalName());
                if (DomLayout.ns(e).isEmpty() && r >= 0 && r <= rank) {
                    after = e;
                }
            }
            layout.insertAfter(devices.get(), after, shmem);
            return;
        }
        Element shmem = found.get(0);
        Optional<Element> model = DomLayout.elements(shmem, "", "model").stream().findFirst();
        if (!DomainRules.MODEL.equals(model.map(m -> m.getAttribute("type")).orElse(""))) {
            if (model.isPresent()) {
                model.get().setAttribute("type", DomainRules.MODEL);
            } else {
                layout.insertAfter(shmem, null, layout.build(DomainRules.el("model", "", "", "type", DomainRules.MODEL)));
            }
            DomLayout.elements(shmem).stream().filter(e -> DomLayout.ns(e).isEmpty()
                    && (e.getLocalName().equals("server") || e.getLocalName().equals("msi"))).forEach(DomLayout::remove);
        }
        Optional<Long> current = DomainRules.sizeBytes(DomLayout.toEl(shmem));
        if (current.isEmpty() || current.get() != target.sizeBytes()) {
            Element size = layout.build(DomainRules.size(target.sizeMiB()));
            Optional<Element> old = DomLayout.elements(shmem, "", "size").stream().findFirst();
            if (old.isPresent()) {
                layout.replace(old.get(), size);
            } else {
                layout.insertAfter(shmem, DomLayout.elements(shmem, "", "model").stream().findFirst().orElse(null), size);
            }
        }
    }

    /** Removes our kvmfr pair, a command line it leaves empty, and a qemu namespace nobody uses any more. */
    private static void removeKvmfr(Element root) {
        boolean removed = false;
        for (Element cl : DomLayout.elements(root, QEMU_NS, "commandline")) {
            List<Element> args = DomLayout.elements(cl, QEMU_NS, "arg");
            List<Integer> ours = DomainRules.ourArgs(args.stream().map(a -> a.getAttribute("value")).toList());
            ours.forEach(i -> DomLayout.remove(args.get(i)));
            removed |= !ours.isEmpty();
            if (!ours.isEmpty() && onlyWhitespace(cl)) {
                DomLayout.remove(cl);
            }
        }
        if (removed && QEMU_NS.equals(root.getAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "qemu"))
                && !usesQemu(root)) {
            root.removeAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "qemu");
        }
    }

    private static boolean onlyWhitespace(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.TEXT_NODE || !n.getNodeValue().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean usesQemu(Element root) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (QEMU_NS.equals(e.getNamespaceURI())) {
                return true;
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                if (QEMU_NS.equals(((Attr) attrs.item(j)).getNamespaceURI())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeSettings(Document doc, Element root, Optional<Element> ours, DomLayout layout,
            LookingGlassSettings s) {
        if (ours.isEmpty()) {
            Element metadata = DomLayout.elements(root, "", "metadata").stream().findFirst().orElse(null);
            if (metadata == null) {
                metadata = layout.build(DomainRules.el("metadata", "", ""));
                Element after = null;
                for (Element e : DomLayout.elements(root)) {
                    if (DomLayout.ns(e).isEmpty() && DomainRules.BEFORE_METADATA.contains(e.getLocalName())) {
                        after = e;
                    }
                }
                layout.insertAfter(root, after, metadata);
            }
            El created = DomainRules.el("lgm:" + DomainRules.LGM_ROOT, LGM_NS, "", "xmlns:lgm", LGM_NS);
            created.children().addAll(DomainRules.render(s, "lgm:").values());
            layout.insertBefore(metadata, null, layout.build(created));
            return;
        }
        String prefix = ours.get().getPrefix() == null ? "" : ours.get().getPrefix() + ":";
        Map<String, El> wanted = DomainRules.render(s, prefix);
        Element anchor = null;
        for (String local : DomainRules.KNOWN) {
            Element existing = DomLayout.elements(ours.get(), LGM_NS, local).stream().findFirst().orElse(null);
            El want = wanted.get(local);
            if (want == null) {
                if (existing != null) {
                    DomLayout.remove(existing);
                }
            } else if (existing == null) {
                Element added = layout.build(want);
                layout.insertAfter(ours.get(), anchor, added);
                anchor = added;
            } else {
                if (!DomLayout.toEl(existing).sameContent(want)) {
                    Element replacement = layout.build(want);
                    layout.replace(existing, replacement);
                    existing = replacement;
                }
                anchor = existing;
            }
        }
    }
}
