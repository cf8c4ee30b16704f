// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.core.xml.DomainXmlException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The JDK's parsers configured as the production SecureXml configures its SAX parser (no DOCTYPE, no external
 * anything, the same size and depth limits), one per thread and reset between documents as production does:
 * making a factory per document costs more than parsing one.
 */
final class JdkXml {

    static final int MAX_CHARS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 256;
    private static final ThreadLocal<DocumentBuilder> BUILDERS = new ThreadLocal<>();
    private static final ThreadLocal<XMLInputFactory> STAX = ThreadLocal.withInitial(JdkXml::staxFactory);
    private static final ThreadLocal<Transformer> TRANSFORMERS = new ThreadLocal<>();

    private JdkXml() {
    }

    /** A libvirt domain as a DOM: whitespace, comments and CDATA sections kept as nodes. */
    static Document dom(String xml) throws DomainXmlException {
        checkSize(xml);
        try {
            Document d = builder().parse(new InputSource(new StringReader(xml)));
            checkRoot(d.getDocumentElement().getNamespaceURI(), d.getDocumentElement().getLocalName());
            return d;
        } catch (SAXParseException e) {
            throw new DomainXmlException("domain XML is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new DomainXmlException("domain XML cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** A stream reader; callers refuse a DTD event and count the depth themselves (see {@link #depth}). */
    static XMLStreamReader stax(String xml) throws DomainXmlException {
        checkSize(xml);
        try {
            return STAX.get().createXMLStreamReader(new StringReader(xml));
        } catch (XMLStreamException e) {
            throw new DomainXmlException("domain XML cannot be parsed: " + e.getMessage(), e);
        }
    }

    static void checkRoot(String ns, String local) throws DomainXmlException {
        if (ns != null && !ns.isEmpty() || !"domain".equals(local)) {
            throw new DomainXmlException("not a libvirt domain: the root element is <" + local + ">, expected <domain>");
        }
    }

    static int depth(int depth) throws DomainXmlException {
        if (depth > MAX_DEPTH) {
            throw new DomainXmlException("domain XML: elements are nested deeper than " + MAX_DEPTH);
        }
        return depth;
    }

    static DomainXmlException notWellFormed(XMLStreamException e) {
        return new DomainXmlException("domain XML is not well-formed XML: " + e.getMessage(), e);
    }

    /** The DOM as text; the declaration only if the input had one (the serializer would add its own). */
    static String serialize(Document d, boolean declaration) throws DomainXmlException {
        try {
            Transformer t = TRANSFORMERS.get();
            if (t == null) {
                TransformerFactory f = TransformerFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
                t = f.newTransformer();
                TRANSFORMERS.set(t);
            }
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declaration ? "no" : "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(d), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new DomainXmlException("cannot write the edited domain: " + e.getMessage(), e);
        }
    }

    private static void checkSize(String xml) throws DomainXmlException {
        if (xml == null || xml.isBlank() || xml.length() > MAX_CHARS) {
            throw new DomainXmlException("domain XML is empty or over " + MAX_CHARS + " characters");
        }
    }

    private static DocumentBuilder builder() throws DomainXmlException {
        DocumentBuilder b = BUILDERS.get();
        if (b != null) {
            b.reset();
            b.setErrorHandler(THROWING);
            return b;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", Integer.toString(MAX_DEPTH));
            b = f.newDocumentBuilder();
            b.setErrorHandler(THROWING);
            BUILDERS.set(b);
            return b;
        } catch (ParserConfigurationException e) {
            throw new DomainXmlException("the JDK's DOM parser cannot be configured safely: " + e.getMessage(), e);
        }
    }

    private static final DefaultHandler THROWING = new DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static XMLInputFactory staxFactory() {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }
}
