// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The test suite's own notion of "the same XML", built on the JDK's DOM so that it shares no code
 * with the editor under test. It ignores: whitespace-only text, leading/trailing whitespace of text,
 * attribute order, quote style, namespace prefixes and where namespaces are declared (names are
 * compared expanded), entity/character-reference and CDATA spelling, {@code <a/>} versus
 * {@code <a></a>}, and the XML declaration. It keeps comments and processing instructions.
 */
public final class CanonicalXml {

    private CanonicalXml() {
    }

    public static String of(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setCoalescing(true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            StringBuilder b = new StringBuilder();
            append(root, b, "");
            return b.toString();
        } catch (Exception e) {
            throw new AssertionError("cannot canonicalize: " + e.getMessage(), e);
        }
    }

    private static void append(Node n, StringBuilder b, String indent) {
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> {
                Element e = (Element) n;
                b.append(indent).append('{').append(nullToEmpty(e.getNamespaceURI())).append('}')
                        .append(e.getLocalName());
                List<Attr> attrs = new ArrayList<>();
                NamedNodeMap map = e.getAttributes();
                for (int i = 0; i < map.getLength(); i++) {
                    Attr a = (Attr) map.item(i);
                    if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                        attrs.add(a);
                    }
                }
                attrs.sort(Comparator.comparing((Attr a) -> nullToEmpty(a.getNamespaceURI()))
                        .thenComparing(Attr::getLocalName));
                for (Attr a : attrs) {
                    b.append(" {").append(nullToEmpty(a.getNamespaceURI())).append('}').append(a.getLocalName())
                            .append("=\"").append(a.getValue()).append('"');
                }
                b.append('\n');
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    append(c, b, indent + "  ");
                }
            }
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                String t = n.getNodeValue().strip();
                if (!t.isEmpty()) {
                    b.append(indent).append("text:").append(t).append('\n');
                }
            }
            case Node.COMMENT_NODE -> b.append(indent).append("comment:").append(n.getNodeValue()).append('\n');
            case Node.PROCESSING_INSTRUCTION_NODE -> b.append(indent).append("pi:").append(n.getNodeName())
                    .append(' ').append(n.getNodeValue()).append('\n');
            default -> b.append(indent).append("node:").append(n.getNodeType()).append('\n');
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The canonical form with our own {@code <lgm:looking-glass>} (and a metadata it leaves empty) removed. */
    public static String withoutOurMetadata(String xml) {
        String c = of(xml);
        StringBuilder b = new StringBuilder();
        String skipIndent = null;
        for (String line : c.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (skipIndent != null && indent.length() > skipIndent.length()) {
                continue;
            }
            skipIndent = null;
            if (line.stripLeading().startsWith("{" + SettingsCodec.NAMESPACE + "}looking-glass")) {
                skipIndent = indent;
                continue;
            }
            b.append(line).append('\n');
        }
        return b.toString().replaceAll("(?m)^  \\{\\}metadata\\n(?!    )", "");
    }
}
