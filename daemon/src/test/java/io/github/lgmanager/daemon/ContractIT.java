// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.Daemon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.TableAuthorizer;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** What the running daemon exports is exactly what the introspection XML in the api module documents. */
class ContractIT {

    @Test
    void exportedManagerAndVmInterfacesMatchTheDocumentedContract() throws Exception {
        try (InProcessDaemon daemon = InProcessDaemon.start(connection -> Daemon.started(InProcessDaemon.TEST_DRIVER, connection,
                new TableAuthorizer(), GuardedDisplayAccess.onThisMachine()))) {
            Connect libvirt = new Connect(InProcessDaemon.TEST_DRIVER);
            String name = UniqueNames.next();
            Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            try {
                String vmPath = daemon.awaitVm(name).getPath();
                assertEquals(documented(BusNames.MANAGER_INTERFACE), exported(daemon, BusNames.MANAGER_PATH, BusNames.MANAGER_INTERFACE));
                assertEquals(documented(BusNames.VM_INTERFACE), exported(daemon, vmPath, BusNames.VM_INTERFACE));
            } finally {
                domain.undefine();
                libvirt.close();
            }
        }
    }

    private static Set<String> exported(InProcessDaemon daemon, String path, String iface) throws Exception {
        String xml = daemon.client.getRemoteObject(BusNames.SERVICE, path, Introspectable.class).Introspect();
        return members(parse(new InputSource(new StringReader(xml))), iface);
    }

    private static Set<String> documented(String iface) throws Exception {
        try (InputStream in = BusNames.class.getResourceAsStream(iface + ".xml")) {
            assertNotNull(in, iface + ".xml is in the api jar");
            return members(parse(new InputSource(in)), iface);
        }
    }

    /** One line per member: kind, name and argument types with directions (names of arguments do not matter). */
    private static Set<String> members(Document doc, String iface) {
        Set<String> members = new TreeSet<>();
        NodeList interfaces = doc.getElementsByTagName("interface");
        for (int i = 0; i < interfaces.getLength(); i++) {
            Element element = (Element) interfaces.item(i);
            if (!element.getAttribute("name").equals(iface)) {
                continue;
            }
            for (String kind : List.of("method", "signal")) {
                NodeList nodes = element.getElementsByTagName(kind);
                for (int j = 0; j < nodes.getLength(); j++) {
                    Element member = (Element) nodes.item(j);
                    List<String> args = new ArrayList<>();
                    NodeList argNodes = member.getElementsByTagName("arg");
                    for (int k = 0; k < argNodes.getLength(); k++) {
                        Element arg = (Element) argNodes.item(k);
                        String direction = kind.equals("signal") ? "" : arg.getAttribute("direction").isEmpty() ? "in " : arg.getAttribute("direction") + " ";
                        args.add(direction + arg.getAttribute("type"));
                    }
                    members.add(kind + " " + member.getAttribute("name") + "(" + String.join(", ", args) + ")");
                }
            }
            NodeList properties = element.getElementsByTagName("property");
            for (int j = 0; j < properties.getLength(); j++) {
                Element p = (Element) properties.item(j);
                members.add("property " + p.getAttribute("name") + " " + p.getAttribute("type") + " " + p.getAttribute("access"));
            }
        }
        return members;
    }

    private static Document parse(InputSource source) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(source);
    }
}
