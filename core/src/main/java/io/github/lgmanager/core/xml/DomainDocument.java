// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A parsed libvirt domain with the editing primitives every rule uses: insert an element laid out like
 * its siblings, remove one together with the whitespace that preceded it (so insert-then-remove gives
 * back the same bytes), and render. Everything not touched renders exactly as it was read.
 */
final class DomainDocument {

    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

    private final List<XNode> top;
    final XElement root;
    /** The quote character the document's author (usually libvirt: ') uses. */
    final char quote;
    /** One level of indentation as the document uses it, or null if it is written on one line. */
    private final String unit;
    /** The document's line ending: a file saved on Windows keeps its CRLFs. */
    private final String newline;

    private DomainDocument(List<XNode> top, XElement root, String newline) {
        this.top = top;
        this.root = root;
        this.quote = detectQuote(root);
        this.unit = detectUnit(root);
        this.newline = newline;
    }

    static DomainDocument parse(String xml) throws DomainXmlException {
        SecureXml.checkWellFormed(xml, "domain XML");
        List<XNode> top;
        try {
            top = RawXmlParser.parse(xml);
        } catch (RuntimeException e) {
            throw new DomainXmlException("domain XML: our source-preserving reader failed where the JDK parser did"
                    + " not (" + e + "); nothing was changed. Please report this with the domain XML.", e);
        }
        XElement root = top.stream().filter(XElement.class::isInstance).map(XElement.class::cast).findFirst()
                .orElseThrow();
        if (!root.is("", "domain")) {
            throw new DomainXmlException("not a libvirt domain: the root element is <" + root.name
                    + ">, expected <domain> (give the output of 'virsh dumpxml --inactive --security-info VM')");
        }
        DomainDocument doc = new DomainDocument(top, root, xml.contains("\r\n") ? "\r\n" : "\n");
        // Everything we do not edit is rendered from this tree: if it cannot give back the input, we
        // would change the user's XML behind their back.
        if (!doc.render().equals(xml)) {
            throw new DomainXmlException("domain '" + doc.domainName() + "': our reader cannot reproduce this XML"
                    + " exactly; nothing was changed. Please report this with the domain XML.");
        }
        return doc;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        for (XNode n : top) {
            n.render(b);
        }
        return b.toString();
    }

    String domainName() {
        return root.element("name").map(XElement::text).map(String::strip).orElse("?");
    }

    Optional<XElement> devices() {
        return root.element("devices");
    }

    /** The {@code <devices>} element, created in libvirt's place for it if the domain has none. */
    XElement devicesCreating(List<String> notes) {
        Optional<XElement> d = devices();
        if (d.isPresent()) {
            return d.get();
        }
        XElement devices = new XElement("devices");
        devices.selfClosing = true;
        XElement before = root.elements()
                .filter(e -> !e.namespaceUri().isEmpty() || List.of("seclabel", "keywrap", "launchSecurity")
                        .contains(e.localName()))
                .findFirst().orElse(null);
        insertBefore(root, before, devices);
        notes.add("added <devices>: the domain had none");
        return devices;
    }

    private static char detectQuote(XElement root) {
        for (XElement e : root.descendants().toList()) {
            for (XAttr a : e.attrs) {
                String raw = render(a);
                return raw.charAt(raw.length() - 1);
            }
        }
        return '\'';
    }

    private static String render(XAttr a) {
        StringBuilder b = new StringBuilder();
        a.render(b);
        return b.toString();
    }

    private static String detectUnit(XElement root) {
        String child = indentBeforeFirstElement(root);
        if (child == null) {
            return root.children.isEmpty() ? "  " : null;
        }
        return child.isEmpty() ? "  " : child;
    }

    /** The indentation (text after the last newline) before e's first child element, or null if inline. */
    private static String indentBeforeFirstElement(XElement e) {
        XNode prev = null;
        for (XNode n : e.children) {
            if (n instanceof XElement) {
                return prev instanceof XText t && t.isWhitespace() && t.raw().indexOf('\n') >= 0
                        ? t.raw().substring(t.raw().lastIndexOf('\n') + 1) : null;
            }
            prev = n;
        }
        return null;
    }

    /** The indentation of e itself, or null if it does not start on its own line. */
    String indentOf(XElement e) {
        if (e == root) {
            return "";
        }
        int i = e.parent.children.indexOf(e);
        if (i > 0 && e.parent.children.get(i - 1) instanceof XText t && t.isWhitespace()
                && t.raw().indexOf('\n') >= 0) {
            return t.raw().substring(t.raw().lastIndexOf('\n') + 1);
        }
        return null;
    }

    /** The indentation for a new child of parent, or null to write it inline. */
    String childIndent(XElement parent) {
        if (unit == null) {
            return null;
        }
        if (parent.elements().findAny().isPresent()) {
            return indentBeforeFirstElement(parent);
        }
        String own = indentOf(parent);
        return own == null ? null : own + unit;
    }

    /** Inserts child after {@code after}, or as the first child if after is null. */
    void insertAfter(XElement parent, XElement after, XElement child) {
        int index = after == null ? 0 : parent.children.indexOf(after) + 1;
        insertAt(parent, index, child);
    }

    /** Inserts child before {@code before}, or as the last child if before is null. */
    void insertBefore(XElement parent, XElement before, XElement child) {
        if (before == null) {
            XElement last = parent.elements().reduce((a, b) -> b).orElse(null);
            insertAfter(parent, last, child);
        } else {
            int i = parent.children.indexOf(before);
            // keep the whitespace that introduced `before` in front of the new element
            if (i > 0 && parent.children.get(i - 1) instanceof XText t && t.isWhitespace()) {
                i--;
            }
            insertAt(parent, i, child);
        }
    }

    private void insertAt(XElement parent, int index, XElement child) {
        String indent = childIndent(parent);
        boolean wasEmpty = parent.children.isEmpty();
        List<XNode> add = new ArrayList<>();
        if (indent != null) {
            add.add(new XText(newline + indent));
        }
        add.add(child);
        if (wasEmpty && indent != null) {
            String own = indentOf(parent);
            add.add(new XText(newline + (own == null ? "" : own)));
        }
        if (parent.selfClosing) {
            parent.selfClosing = false;
            parent.tail = "";
        }
        for (XNode n : add) {
            n.parent = parent;
        }
        parent.children.addAll(index, add);
        if (indent != null && unit != null) {
            layOut(child, indent);
        }
    }

    private record Indented(XElement element, String indent) {
    }

    /**
     * Adds whitespace inside a freshly built element so that it looks like its neighbours. Our elements nest a
     * few levels, but this is a loop like every walk over the tree (see {@link XElement}).
     */
    private void layOut(XElement top, String topIndent) {
        Deque<Indented> todo = new ArrayDeque<>();
        todo.push(new Indented(top, topIndent));
        while (!todo.isEmpty()) {
            Indented next = todo.pop();
            XElement e = next.element();
            String indent = next.indent();
            if (e.elements().findAny().isEmpty()) {
                continue;
            }
            List<XNode> laid = new ArrayList<>();
            for (XNode n : e.children) {
                laid.add(new XText(newline + indent + unit));
                laid.add(n);
                if (n instanceof XElement c) {
                    todo.push(new Indented(c, indent + unit));
                }
            }
            laid.add(new XText(newline + indent));
            e.children.clear();
            for (XNode n : laid) {
                n.parent = e;
                e.children.add(n);
            }
        }
    }

    /** Removes e and the whitespace that introduced it. */
    static void remove(XElement e) {
        List<XNode> siblings = e.parent.children;
        int i = siblings.indexOf(e);
        siblings.remove(i);
        if (i > 0 && siblings.get(i - 1) instanceof XText t && t.isWhitespace()) {
            siblings.remove(i - 1);
        }
    }

    /** Replaces old with a new element at the same place, keeping the whitespace around it. */
    void replace(XElement old, XElement replacement) {
        String indent = indentOf(old);
        int i = old.parent.children.indexOf(old);
        replacement.parent = old.parent;
        old.parent.children.set(i, replacement);
        if (indent != null && unit != null) {
            layOut(replacement, indent);
        }
    }

    /** A new empty element; attributes as name, value pairs, quoted in the document's style. */
    XElement newElement(String name, String... attrs) {
        XElement e = new XElement(name);
        e.selfClosing = true;
        for (int i = 0; i < attrs.length; i += 2) {
            e.attrs.add(XAttr.of(attrs[i], attrs[i + 1], quote));
        }
        return e;
    }

    /** A new element holding only text, such as {@code <size unit='M'>32</size>}. */
    XElement newTextElement(String name, String text, String... attrs) {
        XElement e = newElement(name, attrs);
        e.selfClosing = false;
        XText t = XText.of(text);
        t.parent = e;
        e.children.add(t);
        return e;
    }

    /** Adds children to a freshly built element; whitespace is added when it is inserted. */
    static XElement with(XElement parent, XElement... children) {
        for (XElement c : children) {
            c.parent = parent;
            parent.children.add(c);
        }
        parent.selfClosing = parent.children.isEmpty();
        return parent;
    }

    /** True if no element or attribute name uses the namespace any longer. */
    boolean namespaceUnused(String uri) {
        return root.descendants().noneMatch(e -> uri.equals(e.namespaceUri())
                || e.attrs.stream().anyMatch(a -> a.name.indexOf(':') > 0 && !a.name.startsWith("xmlns:")
                        && uri.equals(e.lookupNamespace(a.name.substring(0, a.name.indexOf(':'))))));
    }
}
