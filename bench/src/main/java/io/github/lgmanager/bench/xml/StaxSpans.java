// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.core.xml.DomainXmlException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Where each element of a document is, in characters of the original string, found with the JDK's StAX parser:
 * what a splicing editor needs instead of a tree. Offsets come from the reader's line and column:
 * {@link Location#getCharacterOffset()} drifts once a document is longer than the parser's 8 KiB buffer (JDK 17,
 * see {@link #characterOffsetsAgree()}), and every offset is checked against the text it should point at.
 */
final class StaxSpans {

    /** One element: its names, attributes, direct text and, when read with positions, where it is. */
    static final class Span {
        final String name;
        final String ns;
        final Map<String, String> attrs;
        /** Namespace declarations on this element, prefix ("" for the default) to URI. */
        final Map<String, String> declared = new LinkedHashMap<>();
        final Span parent;
        final List<Span> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        /** The {@code <} of its start tag, and just after the {@code >} of it. */
        final int start;
        final int startTagEnd;
        /** Just after its end tag ({@code startTagEnd} when self-closing). */
        int end;
        boolean usesQemuAttribute;
        /** A comment or processing instruction among its children. */
        boolean hasMarkup;

        Span(XMLStreamReader r, Span parent, int start, int startTagEnd) {
            String prefix = r.getPrefix() == null ? "" : r.getPrefix();
            this.name = prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
            this.ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
            this.attrs = new LinkedHashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String p = r.getAttributePrefix(i);
                attrs.put(p == null || p.isEmpty() ? r.getAttributeLocalName(i) : p + ":" + r.getAttributeLocalName(i),
                        r.getAttributeValue(i));
                usesQemuAttribute |= DomainRules.QEMU_NS.equals(r.getAttributeNamespace(i));
            }
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                declared.put(r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i), r.getNamespaceURI(i));
            }
            this.parent = parent;
            this.start = start;
            this.startTagEnd = startTagEnd;
        }

        String local() {
            return name.substring(name.indexOf(':') + 1);
        }

        boolean is(String uri, String localName) {
            return ns.equals(uri) && local().equals(localName);
        }

        String prefix() {
            int c = name.indexOf(':');
            return c < 0 ? "" : name.substring(0, c);
        }

        boolean selfClosing() {
            return end == startTagEnd;
        }

        /** Nothing at all between its tags. */
        boolean empty() {
            return children.isEmpty() && text.length() == 0 && !hasMarkup;
        }

        Optional<Span> child(String uri, String localName) {
            return children.stream().filter(c -> c.is(uri, localName)).findFirst();
        }

        List<Span> all(String uri, String localName) {
            return children.stream().filter(c -> c.is(uri, localName)).toList();
        }

        /** The element as the rules see it (the subtrees we convert are a few levels deep). */
        El toEl() {
            List<El> kids = new ArrayList<>();
            children.forEach(c -> kids.add(c.toEl()));
            return new El(name, ns, attrs, text.toString(), kids);
        }
    }

    final String xml;
    final Span root;
    /** Every element, in document order. */
    final List<Span> elements = new ArrayList<>();
    private final int[] lineStarts;
    private boolean offsetsAgree = true;

    private StaxSpans(String xml, XMLStreamReader r) throws XMLStreamException, DomainXmlException {
        this.xml = xml;
        this.lineStarts = lineStarts(xml);
        Deque<Span> open = new ArrayDeque<>();
        Span top = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    JdkXml.depth(open.size() + 1);
                    int tagEnd = offset(r.getLocation(), '>');
                    Span s = new Span(r, open.peek(), xml.lastIndexOf('<', tagEnd - 1), tagEnd);
                    check(xml.startsWith("<" + s.name, s.start), s.start);
                    if (top == null) {
                        JdkXml.checkRoot(s.ns, s.local());
                        top = s;
                    } else {
                        open.peek().children.add(s);
                    }
                    elements.add(s);
                    open.push(s);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop().end = offset(r.getLocation(), '>');
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    if (!open.isEmpty()) {
                        open.peek().hasMarkup = true;
                    }
                }
                case XMLStreamConstants.DTD -> throw new DomainXmlException("domain XML has a DOCTYPE: refused");
                default -> {
                }
            }
        }
        this.root = top;
    }

    static StaxSpans parse(String xml) throws DomainXmlException {
        XMLStreamReader r = JdkXml.stax(xml);
        try {
            return new StaxSpans(xml, r);
        } catch (XMLStreamException e) {
            throw JdkXml.notWellFormed(e);
        } finally {
            close(r);
        }
    }

    static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // nothing was open but a StringReader
        }
    }

    /** Whether the reader's own character offsets matched the line/column ones on every tag (a diagnostic). */
    boolean characterOffsetsAgree() {
        return offsetsAgree;
    }

    private int offset(Location loc, char expected) throws DomainXmlException {
        int line = loc.getLineNumber();
        int offset = lineStarts[line - 1] + loc.getColumnNumber() - 1;
        check(offset > 0 && offset <= xml.length() && xml.charAt(offset - 1) == expected, offset);
        offsetsAgree &= loc.getCharacterOffset() == offset;
        return offset;
    }

    private void check(boolean ok, int offset) throws DomainXmlException {
        if (!ok) {
            throw new DomainXmlException("the StAX reader's position (" + offset + ") is not where the markup is;"
                    + " nothing was changed");
        }
    }

    /** Where each line starts, with XML's line ends (CRLF, CR or LF) as the parser counts them. */
    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
