// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits well-formed XML (already checked by the JDK parser, DOCTYPE refused) into a tree that keeps
 * every character: attribute order and quotes, whitespace, comments, references, CDATA. The JDK's DOM
 * keeps none of the first three, and they are what makes a dry-run diff of a user's VM minimal. Open elements
 * are kept on a list, not the call stack, so nesting cannot overflow a thread's stack.
 */
final class RawXmlParser {

    private final String s;
    private int pos;

    private RawXmlParser(String s) {
        this.s = s;
    }

    /** The top-level nodes: prolog (declaration, comments, whitespace), the root, the epilog. */
    static List<XNode> parse(String xml) {
        RawXmlParser p = new RawXmlParser(xml);
        List<XNode> top = new ArrayList<>();
        Deque<XElement> open = new ArrayDeque<>();
        while (p.pos < xml.length()) {
            XElement parent = open.peek();
            if (parent != null && xml.startsWith("</", p.pos)) {
                p.endTag(open.pop());
                continue;
            }
            XNode n = p.node();
            n.parent = parent;
            (parent == null ? top : parent.children).add(n);
            if (n instanceof XElement e && !e.selfClosing) {
                open.push(e);
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("<" + open.peek().name + "> is not closed");
        }
        return top;
    }

    /** The next node; an element's start tag only, its children follow. */
    private XNode node() {
        XNode n;
        if (s.startsWith("<!--", pos)) {
            n = new XMarkup(until("-->"));
        } else if (s.startsWith("<![CDATA[", pos)) {
            n = new XText(until("]]>"));
        } else if (s.startsWith("<?", pos)) {
            n = new XMarkup(until("?>"));
        } else if (s.startsWith("<!", pos)) {
            throw new IllegalStateException("DOCTYPE at offset " + pos);
        } else if (s.charAt(pos) == '<') {
            n = startTag();
        } else {
            int next = s.indexOf('<', pos);
            int end = next < 0 ? s.length() : next;
            n = new XText(s.substring(pos, end));
            pos = end;
        }
        return n;
    }

    private String until(String terminator) {
        int end = s.indexOf(terminator, pos);
        if (end < 0) {
            throw new IllegalStateException("unterminated markup at offset " + pos);
        }
        String raw = s.substring(pos, end + terminator.length());
        pos = end + terminator.length();
        return raw;
    }

    private XElement startTag() {
        pos++; // '<'
        XElement e = new XElement(name());
        while (true) {
            int wsStart = pos;
            skipWhitespace();
            String ws = s.substring(wsStart, pos);
            if (s.startsWith("/>", pos)) {
                e.tail = ws;
                e.selfClosing = true;
                pos += 2;
                return e;
            }
            if (s.charAt(pos) == '>') {
                e.tail = ws;
                pos++;
                return e;
            }
            int attrStart = pos;
            String attrName = name();
            skipWhitespace();
            pos++; // '='
            skipWhitespace();
            char q = s.charAt(pos);
            int close = s.indexOf(q, pos + 1);
            String value = XmlEscape.attributeValue(s.substring(pos + 1, close));
            pos = close + 1;
            e.attrs.add(new XAttr(ws, attrName, s.substring(attrStart, pos), value));
        }
    }

    private void endTag(XElement e) {
        int end = s.indexOf('>', pos);
        e.endTag = s.substring(pos, end + 1);
        pos = end + 1;
    }

    private String name() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isXmlSpace(c) || c == '/' || c == '>' || c == '=') {
                break;
            }
            pos++;
        }
        return s.substring(start, pos);
    }

    private void skipWhitespace() {
        while (pos < s.length() && isXmlSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
