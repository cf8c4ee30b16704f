// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the editor's own tree in {@link CanonicalXml}'s format, so a test can check that the tree
 * has the structure the JDK parser sees: a byte-identical render alone would not show that.
 */
final class TreeCanonical {

    private TreeCanonical() {
    }

    static String of(XElement root) {
        StringBuilder b = new StringBuilder();
        append(root, b, "");
        return b.toString();
    }

    private static void append(XElement e, StringBuilder b, String indent) {
        b.append(indent).append('{').append(e.namespaceUri()).append('}').append(e.localName());
        List<String[]> attrs = new ArrayList<>();
        for (XAttr a : e.attrs) {
            if (a.name.equals("xmlns") || a.name.startsWith("xmlns:")) {
                continue;
            }
            int c = a.name.indexOf(':');
            String ns = c < 0 ? "" : e.lookupNamespace(a.name.substring(0, c));
            attrs.add(new String[] {ns, a.name.substring(c + 1), a.value()});
        }
        attrs.sort(Comparator.comparing((String[] a) -> a[0]).thenComparing(a -> a[1]));
        for (String[] a : attrs) {
            b.append(" {").append(a[0]).append('}').append(a[1]).append("=\"").append(a[2]).append('"');
        }
        b.append('\n');
        StringBuilder text = new StringBuilder();
        for (XNode n : e.children) {
            if (n instanceof XText t) {
                text.append(t.value());
                continue;
            }
            flush(text, b, indent + "  ");
            if (n instanceof XElement c) {
                append(c, b, indent + "  ");
            } else {
                String raw = ((XMarkup) n).render();
                if (raw.startsWith("<!--")) {
                    b.append(indent).append("  comment:").append(raw, 4, raw.length() - 3).append('\n');
                } else {
                    String body = raw.substring(2, raw.length() - 2);
                    int sp = body.indexOf(' ');
                    b.append(indent).append("  pi:").append(sp < 0 ? body : body.substring(0, sp)).append(' ')
                            .append(sp < 0 ? "" : body.substring(sp + 1).stripLeading()).append('\n');
                }
            }
        }
        flush(text, b, indent + "  ");
    }

    private static void flush(StringBuilder text, StringBuilder b, String indent) {
        String t = text.toString().strip();
        if (!t.isEmpty()) {
            b.append(indent).append("text:").append(t).append('\n');
        }
        text.setLength(0);
    }
}
