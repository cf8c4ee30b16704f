// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.bench.xml.StaxSpans.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of the original text at StAX-found offsets, laid out as the production DomainDocument lays out its
 * insertions (the sibling's indentation, the document's quote and line end), applied in one pass at the end:
 * what a splicing editor needs in place of a tree's editing primitives.
 */
final class TextSplice {

    private record Edit(int start, int end, String text, int seq) {
    }

    /** One attribute after another from the end of the element name: a value may hold the other quote or '>'. */
    private static final Pattern ATTRIBUTE = Pattern.compile("\\G(\\s+)(([^\\s=/>]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'))");

    private final StaxSpans doc;
    private final String xml;
    private final char quote;
    private final String unit;
    private final String newline;
    private final List<Edit> edits = new ArrayList<>();

    TextSplice(StaxSpans doc) {
        this.doc = doc;
        this.xml = doc.xml;
        this.quote = detectQuote();
        this.unit = detectUnit();
        this.newline = xml.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The text with every edit applied; edits must not overlap (that would be a bug in the caller). */
    String apply() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparing(e -> e.end() > e.start())
                .thenComparingInt(Edit::seq));
        StringBuilder b = new StringBuilder(xml.length() + 1024);
        int at = 0;
        for (Edit e : sorted) {
            if (e.start() < at) {
                throw new IllegalStateException("overlapping edits at " + e.start());
            }
            b.append(xml, at, e.start()).append(e.text());
            at = e.end();
        }
        return b.append(xml, at, xml.length()).toString();
    }

    /** Inserts the children after {@code after}, or first if it is null, each on its own line when the parent's are. */
    void insertAfter(Span parent, Span after, List<El> children) {
        String indent = childIndent(parent);
        StringBuilder b = new StringBuilder();
        for (El c : children) {
            if (indent != null) {
                b.append(newline).append(indent);
            }
            render(c, indent, b);
        }
        if (parent.empty() && indent != null) {
            String own = indentOf(parent);
            b.append(newline).append(own == null ? "" : own);
        }
        if (parent.selfClosing()) {
            int tail = trimBack(parent.startTagEnd - 2);
            add(tail, parent.startTagEnd, ">" + b + "</" + parent.name + ">");
        } else {
            int at = after == null ? parent.startTagEnd : after.end;
            add(at, at, b.toString());
        }
    }

    /** Inserts before {@code before} (and the whitespace introducing it), or last if it is null. */
    void insertBefore(Span parent, Span before, El child) {
        if (before == null) {
            Span last = parent.children.isEmpty() ? null : parent.children.get(parent.children.size() - 1);
            insertAfter(parent, last, List.of(child));
            return;
        }
        String indent = childIndent(parent);
        StringBuilder b = new StringBuilder();
        if (indent != null) {
            b.append(newline).append(indent);
        }
        render(child, indent, b);
        int at = whitespaceNodeBefore(before) ? trimBack(before.start) : before.start;
        add(at, at, b.toString());
    }

    /** Removes the element and the whitespace that introduced it. */
    void remove(Span e) {
        add(whitespaceNodeBefore(e) ? trimBack(e.start) : e.start, e.end, "");
    }

    void replace(Span old, El replacement) {
        StringBuilder b = new StringBuilder();
        render(replacement, indentOf(old), b);
        add(old.start, old.end, b.toString());
    }

    void setAttr(Span e, String name, String value) {
        Matcher m = attribute(e, name);
        if (m != null) {
            add(e.start + m.start(2), e.start + m.end(), name + "=" + attribute(value, quote));
        } else {
            int at = trimBack(e.startTagEnd - (e.selfClosing() ? 2 : 1));
            add(at, at, " " + name + "=" + attribute(value, quote));
        }
    }

    void removeAttr(Span e, String name) {
        Matcher m = attribute(e, name);
        if (m != null) {
            add(e.start + m.start(), e.start + m.end(), "");
        }
    }

    /** The attribute in e's start tag (whitespace before it in group 1, the rest in 2), or null. */
    private Matcher attribute(Span e, String name) {
        Matcher m = ATTRIBUTE.matcher(xml.substring(e.start, e.startTagEnd));
        m.region(1 + e.name.length(), e.startTagEnd - e.start);
        while (m.find()) {
            if (m.group(3).equals(name)) {
                return m;
            }
        }
        return null;
    }

    private void add(int start, int end, String text) {
        edits.add(new Edit(start, end, text, edits.size()));
    }

    /** The indentation of e (text after the last line end before it), or null if it shares its line. */
    String indentOf(Span e) {
        if (e == doc.root) {
            return "";
        }
        if (!whitespaceNodeBefore(e)) {
            return null;
        }
        String ws = xml.substring(trimBack(e.start), e.start);
        int nl = ws.lastIndexOf('\n');
        return nl < 0 ? null : ws.substring(nl + 1);
    }

    private String childIndent(Span parent) {
        if (unit == null) {
            return null;
        }
        if (!parent.children.isEmpty()) {
            return indentOf(parent.children.get(0));
        }
        String own = indentOf(parent);
        return own == null ? null : own + unit;
    }

    /** True if only whitespace stands between the previous markup and e. */
    private boolean whitespaceNodeBefore(Span e) {
        int ws = trimBack(e.start);
        return ws < e.start && ws > 0 && xml.charAt(ws - 1) == '>';
    }

    private int trimBack(int at) {
        while (at > 0 && isXmlSpace(xml.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    private void render(El e, String indent, StringBuilder b) {
        b.append('<').append(e.name());
        for (Map.Entry<String, String> a : e.attrs().entrySet()) {
            b.append(' ').append(a.getKey()).append('=').append(attribute(a.getValue(), quote));
        }
        if (e.children().isEmpty()) {
            if (e.text().isEmpty()) {
                b.append("/>");
            } else {
                b.append('>').append(e.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                        .append("</").append(e.name()).append('>');
            }
            return;
        }
        b.append('>');
        boolean laidOut = indent != null && unit != null;
        for (El c : e.children()) {
            if (laidOut) {
                b.append(newline).append(indent).append(unit);
            }
            render(c, laidOut ? indent + unit : null, b);
        }
        if (laidOut) {
            b.append(newline).append(indent);
        }
        b.append("</").append(e.name()).append('>');
    }

    /** The document's quote unless the value holds it and not the other one (as the production XmlEscape). */
    private static String attribute(String s, char preferred) {
        char other = preferred == '\'' ? '"' : '\'';
        char q = s.indexOf(preferred) >= 0 && s.indexOf(other) < 0 ? other : preferred;
        String e = s.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;");
        e = q == '\'' ? e.replace("'", "&apos;") : e.replace("\"", "&quot;");
        return q + e + q;
    }

    private char detectQuote() {
        for (Span e : doc.elements) {
            if (!e.attrs.isEmpty() || !e.declared.isEmpty()) {
                Matcher m = Pattern.compile("=\\s*(['\"])").matcher(xml.substring(e.start, e.startTagEnd));
                if (m.find()) {
                    return m.group(1).charAt(0);
                }
            }
        }
        return '\'';
    }

    private String detectUnit() {
        if (doc.root.children.isEmpty()) {
            return doc.root.empty() ? "  " : null;
        }
        String child = indentOf(doc.root.children.get(0));
        return child == null ? null : child.isEmpty() ? "  " : child;
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
