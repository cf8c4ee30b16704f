// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The one place untrusted XML meets the JDK parser. Domain XML can come from any user who may define
 * VMs, and the daemon runs as root: no DOCTYPE (so no entities, external or expanding), no external
 * DTDs or schemas, no XInclude, a size limit checked before parsing and a nesting limit checked while parsing.
 */
final class SecureXml {

    /** Far above any real domain (the corpus tops out under 10 KiB), far below a memory problem. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    /**
     * libxml2, which libvirt reads domains with, stops at this depth unless told XML_PARSE_HUGE, so no domain
     * libvirt accepted nests deeper; without a bound, a fuzzed domain 151 deep overflowed our 256 KiB stacks.
     */
    static final int MAX_DEPTH = 256;
    private static final ThreadLocal<SAXParser> PARSERS = new ThreadLocal<>();
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    private static final int JDK_DEPTH_BACKSTOP = 100_000;

    private SecureXml() {
    }

    /** Fails unless {@code xml} is well-formed, namespace-correct XML without a DOCTYPE. */
    static void checkWellFormed(String xml, String what) throws DomainXmlException {
        if (xml == null || xml.isBlank()) {
            throw new DomainXmlException(what + " is empty (expected a libvirt <domain> document)");
        }
        if (xml.length() > MAX_CHARS) {
            throw new DomainXmlException(what + " is " + xml.length() + " characters, over the limit of "
                    + MAX_CHARS + " (a libvirt domain is a few KiB; is this the right file?)");
        }
        Shape shape = new Shape();
        try {
            parser().parse(new InputSource(new StringReader(xml)), shape);
        } catch (SAXParseException e) {
            throw new DomainXmlException(what + " is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new DomainXmlException(what + " cannot be parsed: " + e.getMessage(), e);
        }
        if (shape.maxDepth > MAX_DEPTH) {
            throw new DomainXmlException((shape.domainName == null ? what : "domain '" + shape.domainName + "'")
                    + ": elements are nested " + shape.maxDepth + " deep, over the limit of " + MAX_DEPTH
                    + " (libvirt itself reads no deeper; is this the right file?)");
        }
    }

    /**
     * Measures the nesting and keeps the domain's name for the message. The whole document is read (SAX keeps
     * no stack of ours) so that the message gives the real depth, not the limit.
     */
    private static final class Shape extends DefaultHandler {
        int depth;
        int maxDepth;
        String domainName;
        private StringBuilder name;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
            if (depth == 2 && domainName == null && uri.isEmpty() && localName.equals("name")) {
                name = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (name != null) {
                name.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (name != null && depth == 2) {
                domainName = name.toString().strip();
                name = null;
            }
            depth--;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /**
     * This thread's parser, reset to its configured state. Making a factory and a parser per document cost more
     * than parsing (a service lookup and Xerces' set-up, about 1 ms of each start → DisplayReady, see
     * docs/benchmarks.md); a SAXParser is not thread-safe, so each thread keeps its own.
     */
    private static SAXParser parser() throws DomainXmlException, ParserConfigurationException, SAXException {
        SAXParser parser = PARSERS.get();
        if (parser == null) {
            parser = factory().newSAXParser();
            PARSERS.set(parser);
        } else {
            parser.reset(); // back to the state newSAXParser gave, the secure features included
        }
        // The JDK's own depth limit differs by release (none in 17, 100 from 24 on) and its message names no
        // domain; ours is checked above, the same on every JDK. The JDK's stays as a backstop far beyond it.
        parser.setProperty(MAX_ELEMENT_DEPTH, Integer.toString(JDK_DEPTH_BACKSTOP));
        return parser;
    }

    private static SAXParserFactory factory() throws DomainXmlException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new DomainXmlException("the JDK's XML parser cannot be configured safely: " + e.getMessage(), e);
        }
    }
}
