// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.lgmanager.libvirt.LibvirtEventLoop;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

/** libvirt's in-process test driver delivers the lifecycle events lg-daemon is built on, in order. */
class TestDriverEventsIT {
    @BeforeAll
    static void startEventLoop() throws Exception {
        LibvirtEventLoop.ensureRunning(); // must precede the first Connect, or no event is ever delivered
    }

    @Test
    void defineStartStopUndefineArriveAsLifecycleEventsInOrder() throws Exception {
        Connect connection = new Connect("test:///default");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String name = UniqueNames.next();
        LifecycleListener listener = (domain, event) -> {
            try {
                if (name.equals(domain.getName())) {
                    events.add(event.getType().name());
                }
            } catch (Exception e) {
                events.add("error: " + e);
            }
            return 0;
        };
        connection.addLifecycleListener(listener);
        try {
            Domain domain = connection.domainDefineXML(TestGuest.xml(name, name + "-shm", 32));
            domain.create();
            domain.destroy();
            domain.undefine();

            String[] expected = {DomainEventType.DEFINED.name(), DomainEventType.STARTED.name(),
                DomainEventType.STOPPED.name(), DomainEventType.UNDEFINED.name()};
            String[] seen = new String[expected.length];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(seen[i], "event " + (i + 1) + " of " + expected.length + " did not arrive");
            }
            assertArrayEquals(expected, seen);
        } finally {
            connection.removeLifecycleListener(listener);
            connection.close();
        }
    }

    @Test
    void theTestDriverKeepsTheShmemDeviceOfADefinedDomain() throws Exception {
        Connect connection = new Connect("test:///default");
        try {
            String name = UniqueNames.next();
            Domain domain = connection.domainDefineXML(TestGuest.xml(name, "looking-glass", 64));
            String xml = domain.getXMLDesc(0);
            domain.undefine();
            assertEquals(1, xml.split("<shmem name='looking-glass'>", -1).length - 1, xml);
            assertEquals(1, xml.split("<size unit='M'>64</size>", -1).length - 1, xml);
        } finally {
            connection.close();
        }
    }
}
