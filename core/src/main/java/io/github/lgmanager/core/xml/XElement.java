// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An element that renders its start tag, children and end tag exactly as parsed until changed. Walks over the
 * tree are loops, never recursion: the daemon's threads have 256 KiB stacks and the nesting comes from whoever
 * may define a VM (SecureXml bounds it as well).
 */
final class XElement extends XNode {

    static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    final String name;
    final List<XAttr> attrs = new ArrayList<>();
    final List<XNode> children = new ArrayList<>();
    /** Whitespace between the last attribute and {@code >} or {@code />}. */
    String tail = "";
    boolean selfClosing;
    /** The end tag as written, or null for {@code </name>}. */
    String endTag;

    XElement(String name) {
        this.name = name;
    }

    String prefix() {
        int c = name.indexOf(':');
        return c < 0 ? "" : name.substring(0, c);
    }

    String localName() {
        return name.substring(name.indexOf(':') + 1);
    }

    String namespaceUri() {
        return lookupNamespace(prefix());
    }

    /** The namespace bound to {@code prefix} here ("" for the default), or null if unbound. */
    String lookupNamespace(String prefix) {
        String attr = prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
        for (XElement e = this; e != null; e = e.parent) {
            Optional<String> v = e.attr(attr);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return prefix.isEmpty() ? "" : null;
    }

    /** A prefix bound to {@code uri} here (possibly "" for the default namespace), or null. */
    String lookupPrefix(String uri) {
        for (XElement e = this; e != null; e = e.parent) {
            for (XAttr a : e.attrs) {
                if (a.value().equals(uri) && a.name.startsWith("xmlns:")) {
                    String p = a.name.substring(6);
                    if (uri.equals(lookupNamespace(p))) {
                        return p;
                    }
                }
            }
        }
        return uri.equals(lookupNamespace("")) ? "" : null;
    }

    boolean is(String uri, String local) {
        return localName().equals(local) && uri.equals(namespaceUri());
    }

    Optional<String> attr(String attrName) {
        for (XAttr a : attrs) {
            if (a.name.equals(attrName)) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    String attrOr(String attrName, String fallback) {
        return attr(attrName).orElse(fallback);
    }

    void setAttr(String attrName, String value, char quote) {
        for (XAttr a : attrs) {
            if (a.name.equals(attrName)) {
                if (!a.value().equals(value)) {
                    a.set(value, quote);
                }
                return;
            }
        }
        attrs.add(XAttr.of(attrName, value, quote));
    }

    boolean removeAttr(String attrName) {
        return attrs.removeIf(a -> a.name.equals(attrName));
    }

    Stream<XElement> elements() {
        return children.stream().filter(XElement.class::isInstance).map(XElement.class::cast);
    }

    /** Child elements in no namespace (libvirt's own) with this name. */
    Stream<XElement> elements(String local) {
        return elements().filter(e -> e.is("", local));
    }

    Optional<XElement> element(String local) {
        return elements(local).findFirst();
    }

    /** Depth-first, this element included. */
    Stream<XElement> descendants() {
        List<XElement> found = new ArrayList<>();
        Deque<XElement> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            XElement e = todo.pop();
            found.add(e);
            for (int i = e.children.size() - 1; i >= 0; i--) {
                if (e.children.get(i) instanceof XElement c) {
                    todo.push(c);
                }
            }
        }
        return found.stream();
    }

    /** The concatenated character data of the direct text children. */
    String text() {
        StringBuilder b = new StringBuilder();
        for (XNode n : children) {
            if (n instanceof XText t) {
                b.append(t.value());
            }
        }
        return b.toString();
    }

    @Override
    void render(StringBuilder out) {
        // holds nodes still to render and, as strings, the end tags of the elements they are inside
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof String end) {
                out.append(end);
            } else if (next instanceof XElement e) {
                e.renderStartTag(out);
                if (!e.selfClosing || !e.children.isEmpty()) {
                    todo.push(e.endTag != null ? e.endTag : "</" + e.name + ">");
                    for (int i = e.children.size() - 1; i >= 0; i--) {
                        todo.push(e.children.get(i));
                    }
                }
            } else {
                ((XNode) next).render(out);
            }
        }
    }

    private void renderStartTag(StringBuilder out) {
        out.append('<').append(name);
        for (XAttr a : attrs) {
            a.render(out);
        }
        out.append(tail).append(selfClosing && children.isEmpty() ? "/>" : ">");
    }
}
