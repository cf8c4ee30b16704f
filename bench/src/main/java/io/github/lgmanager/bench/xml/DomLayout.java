// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.xml.DomainRules.El;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The production DomainDocument's editing primitives over a DOM: an element inserted is laid out like its
 * siblings (the DOM keeps whitespace as text nodes), one removed takes the whitespace before it along.
 */
final class DomLayout {

    private final Document doc;
    private final Element root;
    /** One level of indentation, or null if the document is written on one line. */
    private final String unit;

    DomLayout(Document doc) {
        this.doc = doc;
        this.root = doc.getDocumentElement();
        Element first = firstElement(root);
        String child = first == null ? null : indentOf(first);
        if (first == null) {
            this.unit = root.hasChildNodes() ? null : "  ";
        } else {
            this.unit = child == null ? null : child.isEmpty() ? "  " : child;
        }
    }

    static String ns(Node n) {
        return n.getNamespaceURI() == null ? "" : n.getNamespaceURI();
    }

    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static List<Element> elements(Element parent, String ns, String local) {
        return elements(parent).stream().filter(e -> ns(e).equals(ns) && e.getLocalName().equals(local)).toList();
    }

    static Element firstElement(Element parent) {
        List<Element> all = elements(parent);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The element as the rules see it (the subtrees we convert are a few levels deep). */
    static El toEl(Element e) {
        Map<String, String> attrs = new LinkedHashMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                attrs.put(a.getName(), a.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        List<El> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            } else if (n instanceof Element c) {
                children.add(toEl(c));
            }
        }
        return new El(e.getTagName(), ns(e), attrs, text.toString(), children);
    }

    /** A new element for the spec, its children not yet laid out. */
    Element build(El spec) {
        Element e = doc.createElementNS(spec.ns().isEmpty() ? null : spec.ns(), spec.name());
        spec.attrs().forEach((k, v) -> {
            if (k.startsWith("xmlns:")) {
                e.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, k, v);
            } else {
                e.setAttribute(k, v);
            }
        });
        if (!spec.text().isEmpty()) {
            e.appendChild(doc.createTextNode(spec.text()));
        }
        spec.children().forEach(c -> e.appendChild(build(c)));
        return e;
    }

    /** The indentation of e, or null if it does not start its own line. */
    String indentOf(Element e) {
        if (e == root) {
            return "";
        }
        Node prev = e.getPreviousSibling();
        if (!isWhitespace(prev) || prev.getNodeValue().indexOf('\n') < 0) {
            return null;
        }
        String ws = prev.getNodeValue();
        return ws.substring(ws.lastIndexOf('\n') + 1);
    }

    private String childIndent(Element parent) {
        if (unit == null) {
            return null;
        }
        Element first = firstElement(parent);
        if (first != null) {
            return indentOf(first);
        }
        String own = indentOf(parent);
        return own == null ? null : own + unit;
    }

    /** Inserts child after {@code after}, or first if it is null. */
    void insertAfter(Element parent, Element after, Element child) {
        insertAt(parent, after == null ? parent.getFirstChild() : after.getNextSibling(), child);
    }

    /** Inserts child before {@code before} and the whitespace introducing it, or last if it is null. */
    void insertBefore(Element parent, Element before, Element child) {
        if (before == null) {
            List<Element> all = elements(parent);
            insertAfter(parent, all.isEmpty() ? null : all.get(all.size() - 1), child);
        } else {
            Node prev = before.getPreviousSibling();
            insertAt(parent, isWhitespace(prev) ? prev : before, child);
        }
    }

    private void insertAt(Element parent, Node ref, Element child) {
        String indent = childIndent(parent);
        boolean wasEmpty = !parent.hasChildNodes();
        if (indent != null) {
            parent.insertBefore(doc.createTextNode("\n" + indent), ref);
        }
        parent.insertBefore(child, ref);
        if (wasEmpty && indent != null) {
            String own = indentOf(parent);
            parent.appendChild(doc.createTextNode("\n" + (own == null ? "" : own)));
        }
        if (indent != null) {
            layOut(child, indent);
        }
    }

    /** Whitespace inside a freshly built element, so that it reads like its neighbours. */
    private void layOut(Element e, String indent) {
        List<Element> kids = elements(e);
        if (kids.isEmpty()) {
            return;
        }
        for (Element c : kids) {
            e.insertBefore(doc.createTextNode("\n" + indent + unit), c);
            layOut(c, indent + unit);
        }
        e.appendChild(doc.createTextNode("\n" + indent));
    }

    /** Removes e and the whitespace that introduced it. */
    static void remove(Element e) {
        Node prev = e.getPreviousSibling();
        Node parent = e.getParentNode();
        parent.removeChild(e);
        if (isWhitespace(prev)) {
            parent.removeChild(prev);
        }
    }

    void replace(Element old, Element replacement) {
        String indent = indentOf(old);
        old.getParentNode().replaceChild(replacement, old);
        if (indent != null && unit != null) {
            layOut(replacement, indent);
        }
    }

    private static boolean isWhitespace(Node n) {
        return n != null && n.getNodeType() == Node.TEXT_NODE
                && n.getNodeValue().chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }
}
