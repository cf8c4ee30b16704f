// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/** DomainXmlReader.definition over the JDK's DOM: parse it all, then hand the children that matter to the rules. */
public final class DomDomainReader {

    private static final Set<String> KEPT = Set.of("name", "metadata", "seclabel");
    private static final Set<String> KEPT_DEVICES = Set.of("shmem", "graphics");

    private DomDomainReader() {
    }

    public static DomainXmlReader.Definition definition(String xml) throws DomainXmlException {
        return definition(JdkXml.dom(xml).getDocumentElement());
    }

    static DomainXmlReader.Definition definition(Element root) throws DomainXmlException {
        List<El> top = new ArrayList<>();
        for (Element e : DomLayout.elements(root)) {
            String ns = DomLayout.ns(e);
            if (ns.isEmpty() && e.getLocalName().equals("devices")) {
                List<El> kept = DomLayout.elements(e).stream()
                        .filter(d -> DomLayout.ns(d).isEmpty() && KEPT_DEVICES.contains(d.getLocalName()))
                        .map(DomLayout::toEl).toList();
                top.add(new El("devices", "", new HashMap<>(), "", kept));
            } else if (ns.isEmpty() && KEPT.contains(e.getLocalName())
                    || ns.equals(DomainRules.QEMU_NS) && e.getLocalName().equals("commandline")) {
                top.add(DomLayout.toEl(e));
            }
        }
        return DomainRules.definition(top);
    }
}
