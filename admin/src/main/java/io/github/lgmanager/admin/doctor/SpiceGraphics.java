// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where a VM's SPICE server listens and whether it asks for a password, from the first
 * {@code <graphics type='spice'>} of a domain (or of libvirt's status file, which wraps it). The password itself
 * is never kept, only whether there is one.
 *
 * @param listen "address", "network", "socket", "none", or "" when the definition names no listener
 * @param address the address ("" when qemu.conf's spice_listen decides), the network's name, or the socket path
 * @param port the fixed TCP port, 0 when libvirt picks one at start or there is none
 * @param password whether a passwd is set; empty when the XML was read without secrets (libvirt leaves passwords
 *     out for anyone but root)
 */
public record SpiceGraphics(String listen, String address, int port, Optional<Boolean> password) {
    private static final int MAX_CHARS = 4 * 1024 * 1024;

    /**
     * The SPICE graphics of a domain XML; empty when it has none or cannot be read.
     *
     * @param withSecrets true for XML read with libvirt's secure flag (its own files), where a missing passwd
     *     means there is none
     */
    public static Optional<SpiceGraphics> parse(String xml, boolean withSecrets) {
        if (xml == null || xml.isBlank() || xml.length() > MAX_CHARS) {
            return Optional.empty();
        }
        Finder finder = new Finder(withSecrets);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // the XML may come from anyone who can define a VM, and doctor may run as root
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.newSAXParser().parse(new InputSource(new StringReader(xml)), finder);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(finder.found);
    }

    private static final class Finder extends DefaultHandler {
        private final boolean withSecrets;
        private final Deque<String> path = new ArrayDeque<>();
        private SpiceGraphics found;
        private boolean inside;
        private boolean listenSeen;

        Finder(boolean withSecrets) {
            this.withSecrets = withSecrets;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            String parent = path.peek();
            path.push(local);
            if (found == null && local.equals("graphics") && "devices".equals(parent) && "spice".equals(a.getValue("type"))) {
                inside = true;
                String listenAttribute = a.getValue("listen");
                found = new SpiceGraphics(listenAttribute == null ? "" : "address",
                        listenAttribute == null ? "" : listenAttribute, port(a.getValue("port")),
                        withSecrets ? Optional.of(a.getValue("passwd") != null) : Optional.empty());
            } else if (inside && !listenSeen && local.equals("listen") && "graphics".equals(parent)) {
                listenSeen = true;
                String type = a.getValue("type") == null ? "address" : a.getValue("type");
                String where = switch (type) {
                    case "network" -> a.getValue("network");
                    case "socket" -> a.getValue("socket");
                    case "address" -> a.getValue("address") != null ? a.getValue("address") : found.address();
                    default -> "";
                };
                found = new SpiceGraphics(type, where == null ? "" : where, found.port(), found.password());
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            path.pop();
            if (local.equals("graphics")) {
                inside = false;
            }
        }

        private static int port(String value) {
            try {
                int port = value == null ? 0 : Integer.parseInt(value.strip());
                return port > 0 ? port : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
