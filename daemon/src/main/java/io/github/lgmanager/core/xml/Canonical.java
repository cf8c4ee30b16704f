package io.github.lgmanager.core.xml;

import java.util.Comparator;
import java.util.List;

/**
 * A layout-blind signature of an element: expanded names, attributes sorted, whitespace-only text
 * dropped. Used to decide whether a settings child needs rewriting, so that re-enabling with the
 * same settings changes no byte.
 */
final class Canonical {

    private Canonical() {
    }

    static String of(XElement e) {
        StringBuilder b = new StringBuilder();
        append(e, b);
        return b.toString();
    }

    private static void append(XElement e, StringBuilder b) {
        b.append('{').append(e.namespaceUri()).append('}').append(e.localName());
        List<XAttr> attrs = e.attrs.stream().filter(a -> !a.name.equals("xmlns") && !a.name.startsWith("xmlns:"))
                .sorted(Comparator.comparing(a -> a.name)).toList();
        for (XAttr a : attrs) {
            b.append(' ').append(a.name).append("=\"").append(a.value()).append('"');
        }
        b.append('[');
        for (XNode n : e.children) {
            if (n instanceof XElement c) {
                append(c, b);
            } else if (n instanceof XText t && !t.isWhitespace()) {
                b.append('"').append(t.value().strip()).append('"');
            }
        }
        b.append(']');
    }
}
