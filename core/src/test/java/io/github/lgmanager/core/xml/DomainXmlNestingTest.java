// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deeply nested domain XML, as a fuzzer wrote it: lg-daemon runs with a 256 KiB thread stack (bin/lg-daemon,
 * -Xss256k), so every walk over the tree must be a loop, and nesting no libvirt domain has is refused.
 */
class DomainXmlNestingTest {

    private static final int DAEMON_STACK = 256 * 1024;

    /** A domain whose elements nest {@code depth} deep in all, the root counted: the extra levels in metadata. */
    static String nested(int depth) {
        int extra = depth - 3; // <domain>, <metadata>, and the innermost <x:n> written below
        return "<domain type='kvm'>\n  <name>deep</name>\n  <metadata>"
                + "<x:n xmlns:x='urn:fuzz'>".repeat(extra) + "<x:n a='1'>leaf</x:n>" + "</x:n>".repeat(extra)
                + "</metadata>\n  <devices>\n  </devices>\n</domain>\n";
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs work on a thread with the daemon's stack size; its failure, a StackOverflowError included, fails the test. */
    static void onDaemonStack(Work work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "t", DAEMON_STACK);
        t.start();
        t.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new AssertionError("failed on a " + DAEMON_STACK / 1024 + " KiB stack", failure.get());
        }
    }

    @Test
    void aDomainNested151DeepIsEnabledAndReadOnTheDaemonsStack() throws Exception {
        String xml = nested(151);
        onDaemonStack(() -> {
            EditResult r = DomainXmlEditor.enable(xml, LookingGlassSettings.defaults());
            assertTrue(r.xml().contains("<shmem name='looking-glass'>"), r.xml());
            assertTrue(r.xml().contains("<x:n a='1'>leaf</x:n>" + "</x:n>".repeat(148)));
            assertTrue(DomainXmlReader.definition(r.xml()).settings().orElseThrow().enabled());
            assertTrue(DomainXmlEditor.disableAndForget(r.xml()).xml().contains("leaf"));
        });
    }

    @Test
    void nestingAtTheLimitIsAccepted() throws Exception {
        onDaemonStack(() -> assertTrue(DomainXmlReader.definition(nested(SecureXml.MAX_DEPTH)).settings().isEmpty()));
    }

    @ParameterizedTest
    @ValueSource(ints = {257, 300, 5000})
    void nestingDeeperThan256IsRefusedNamingTheDomainAndTheDepth(int depth) throws Exception {
        String xml = nested(depth);
        onDaemonStack(() -> {
            DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlReader.definition(xml));
            assertEquals("domain 'deep': elements are nested " + depth + " deep, over the limit of 256 (libvirt"
                    + " itself reads no deeper; is this the right file?)", e.getMessage());
            assertThrows(DomainXmlException.class, () -> DomainXmlEditor.enable(xml, LookingGlassSettings.defaults()));
        });
    }

    @Test
    void nestingIsRefusedWithoutADomainNameToo() throws Exception {
        String xml = "<domain type='kvm'>" + "<a>".repeat(300) + "</a>".repeat(300) + "</domain>";
        DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlReader.definition(xml));
        assertTrue(e.getMessage().startsWith("domain XML: elements are nested 301 deep"), e.getMessage());
    }

    /** The limit is checked before our tree is built; the tree itself must still not depend on it. */
    @Test
    void theTreeIsParsedRenderedWalkedAndComparedWithoutRecursion() throws Exception {
        String xml = nested(5000);
        onDaemonStack(() -> {
            List<XNode> top = RawXmlParser.parse(xml);
            XElement root = (XElement) top.get(0);
            StringBuilder b = new StringBuilder();
            top.forEach(n -> n.render(b));
            assertEquals(xml, b.toString());
            assertEquals(5000 + 2, root.descendants().count()); // the nested ones, <name> and <devices>
            assertEquals("leaf", root.descendants().filter(e -> e.attr("a").isPresent()).findFirst().orElseThrow()
                    .text());
            String canonical = Canonical.of(root);
            assertTrue(canonical.contains("{urn:fuzz}n a=\"1\"[\"leaf\"]" + "]".repeat(4998)), canonical);
            assertEquals(canonical, Canonical.of((XElement) RawXmlParser.parse(xml).get(0)));
        });
    }
}
