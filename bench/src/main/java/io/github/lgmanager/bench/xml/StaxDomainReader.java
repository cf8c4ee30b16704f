// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.bench.xml.StaxSpans.Span;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * DomainXmlReader.definition in one StAX pass that keeps only what the rules look at: the root's name, metadata,
 * seclabel and qemu:commandline children, and the shmem and graphics devices. Nothing else is built.
 */
public final class StaxDomainReader {

    private static final Set<String> KEPT = Set.of("name", "metadata", "seclabel");
    private static final Set<String> KEPT_DEVICES = Set.of("shmem", "graphics");

    private StaxDomainReader() {
    }

    public static DomainXmlReader.Definition definition(String xml) throws DomainXmlException {
        XMLStreamReader r = JdkXml.stax(xml);
        List<Span> top = new ArrayList<>();
        Deque<Span> kept = new ArrayDeque<>();
        Span devices = null;
        int depth = 0;
        try {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth = JdkXml.depth(depth + 1);
                        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                        String local = r.getLocalName();
                        if (depth == 1) {
                            JdkXml.checkRoot(ns, local);
                        } else if (!kept.isEmpty()) {
                            keep(r, kept.peek(), kept);
                        } else if (depth == 2 && ns.isEmpty() && local.equals("devices")) {
                            devices = new Span(r, null, -1, -1);
                            top.add(devices);
                        } else if (depth == 2 && (ns.isEmpty() && KEPT.contains(local)
                                || ns.equals(DomainRules.QEMU_NS) && local.equals("commandline"))) {
                            top.add(keep(r, null, kept));
                        } else if (depth == 3 && devices != null && ns.isEmpty() && KEPT_DEVICES.contains(local)) {
                            keep(r, devices, kept);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (!kept.isEmpty()) {
                            kept.pop();
                        } else if (depth == 2) {
                            devices = null;
                        }
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!kept.isEmpty()) {
                            kept.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.DTD -> throw new DomainXmlException("domain XML has a DOCTYPE: refused");
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw JdkXml.notWellFormed(e);
        } finally {
            StaxSpans.close(r);
        }
        List<El> els = new ArrayList<>();
        top.forEach(s -> els.add(s.toEl()));
        return DomainRules.definition(els);
    }

    private static Span keep(XMLStreamReader r, Span parent, Deque<Span> kept) {
        Span s = new Span(r, parent, -1, -1);
        if (parent != null) {
            parent.children.add(s);
        }
        kept.push(s);
        return s;
    }
}
