// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A layout-blind signature of an element: expanded names, attributes sorted, whitespace-only text
 * dropped. Used to decide whether a settings child needs rewriting, so that re-enabling with the
 * same settings changes no byte.
 */
final class Canonical {

    private Canonical() {
    }

    /** A loop, not recursion, since the nesting is the domain author's (see {@link XElement}). */
    static String of(XElement e) {
        StringBuilder b = new StringBuilder();
        // elements still to write, and the finished text of text nodes and closing brackets
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof XElement x) {
                appendHead(x, b);
                todo.push("]");
                for (int i = x.children.size() - 1; i >= 0; i--) {
                    XNode n = x.children.get(i);
                    if (n instanceof XElement c) {
                        todo.push(c);
                    } else if (n instanceof XText t && !t.isWhitespace()) {
                        todo.push('"' + t.value().strip() + '"');
                    }
                }
            } else {
                b.append((String) next);
            }
        }
        return b.toString();
    }

    private static void appendHead(XElement e, StringBuilder b) {
        b.append('{').append(e.namespaceUri()).append('}').append(e.localName());
        List<XAttr> attrs = e.attrs.stream().filter(a -> !a.name.equals("xmlns") && !a.name.startsWith("xmlns:"))
                .sorted(Comparator.comparing(a -> a.name)).toList();
        for (XAttr a : attrs) {
            b.append(' ').append(a.name).append("=\"").append(a.value()).append('"');
        }
        b.append('[');
    }
}
