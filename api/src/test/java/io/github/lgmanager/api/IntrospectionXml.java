// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The introspection XML shipped in the api jar, read the way a client of the contract would read it. */
final class IntrospectionXml {
    private final Element iface;

    private IntrospectionXml(Element iface) {
        this.iface = iface;
    }

    static IntrospectionXml of(String interfaceName) throws Exception {
        try (InputStream in = BusNames.class.getResourceAsStream(interfaceName + ".xml")) {
            assertNotNull(in, interfaceName + ".xml is in the api jar");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder().parse(in);
            List<Element> matching = children(doc.getDocumentElement(), "interface").stream()
                    .filter(e -> e.getAttribute("name").equals(interfaceName)).toList();
            assertEquals(1, matching.size(), "one <interface name='" + interfaceName + "'>");
            return new IntrospectionXml(matching.get(0));
        }
    }

    List<Element> properties() {
        return children(iface, "property");
    }

    Element method(String name) {
        return children(iface, "method").stream().filter(m -> m.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no method " + name + " in the XML"));
    }

    static Element arg(Element method, String name) {
        return children(method, "arg").stream().filter(a -> a.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no argument " + name + " of " + method.getAttribute("name")));
    }

    /** The text of the comments directly inside an element. */
    static String comments(Element element) {
        StringBuilder text = new StringBuilder();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.COMMENT_NODE) {
                text.append(nodes.item(i).getNodeValue()).append('\n');
            }
        }
        return text.toString();
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }
}
