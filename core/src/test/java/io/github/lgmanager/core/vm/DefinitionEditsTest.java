// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A preview reads and edits like the change itself, defines nothing, and hands back the two texts, masked. */
class DefinitionEditsTest {

    @Test
    void aPreviewCarriesTheDefinitionBeforeAndAfterWithThePasswordMaskedAndDefinesNothing() throws Exception {
        String xml = LargeDefinition.ofLines(40);
        OneDomain domains = new OneDomain(xml);

        Preview preview = DefinitionEdits.preview(domains, LargeDefinition.UUID, LargeDefinition.NAME, false,
                enable());

        assertEquals(xml.replace("passwd='s3cret'", "passwd='***'"), preview.before());
        assertTrue(preview.after().contains("<shmem name='looking-glass-big'>"), preview.after());
        assertTrue(preview.after().contains("passwd='***'"), preview.after());
        assertFalse(preview.after().contains("s3cret"), preview.after());
        assertEquals(0, domains.defines, "a preview defines nothing");
    }

    @Test
    void aPreviewOfNoChangeSaysSoAndCarriesNoTexts() throws Exception {
        OneDomain domains = new OneDomain(LargeDefinition.ofLines(40));
        DefinitionEdits.redefine(domains, LargeDefinition.UUID, enable());

        Preview preview = DefinitionEdits.preview(domains, LargeDefinition.UUID, LargeDefinition.NAME, false,
                enable());

        assertTrue(preview.notes().contains("nothing to change"), preview.notes().toString());
        assertEquals("", preview.before());
        assertEquals("", preview.after());
    }

    @Test
    void aPreviewOfARunningVmSaysWhenTheChangeWouldApply() throws Exception {
        Preview preview = DefinitionEdits.preview(new OneDomain(LargeDefinition.ofLines(40)), LargeDefinition.UUID,
                LargeDefinition.NAME, true, enable());
        assertTrue(preview.notes().contains("VM 'big' is running: the change would apply at its next boot"),
                preview.notes().toString());
    }

    /**
     * lg-daemon runs in 48 MiB. The diff this replaced built a lines × lines table: 1.6 GB for 20,000 lines, four
     * times what 10,000 lines took. Now twice the lines cost about twice the allocations (garbage included).
     * Allocations, not time: they do not depend on the machine's load. Each size's least of three runs is taken.
     */
    @Test
    void previewingTwiceTheLinesAllocatesAboutTwiceAsMuch() throws Exception {
        long tenThousand = leastAllocatedByPreview(10_000);
        long twentyThousand = leastAllocatedByPreview(20_000);

        double ratio = (double) twentyThousand / tenThousand;
        System.out.printf("preview allocations: 10,000 lines %.1f MiB, 20,000 lines %.1f MiB, ratio %.2f%n",
                tenThousand / 1048576.0, twentyThousand / 1048576.0, ratio);
        assertTrue(ratio < 3, "allocations grow faster than the definition: ratio " + ratio);
    }

    private static long leastAllocatedByPreview(int lines) throws Exception {
        String xml = LargeDefinition.ofLines(lines);
        OneDomain domains = new OneDomain(xml);
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = allocatedBytes();
            Preview preview = DefinitionEdits.preview(domains, LargeDefinition.UUID, LargeDefinition.NAME, false,
                    enable());
            least = Math.min(least, allocatedBytes() - before);
            assertEquals(xml.replace("passwd='s3cret'", "passwd='***'"), preview.before());
            assertTrue(preview.after().contains("<shmem name='looking-glass-big'>"), "the device was added");
        }
        return least;
    }

    private static DefinitionEdits.XmlEdit enable() {
        return xml -> DomainXmlEditor.enable(xml, LookingGlassSettings.defaultsFor(LargeDefinition.NAME));
    }

    /**
     * This thread's allocation counter (HotSpot's com.sun.management.ThreadMXBean). Reached by reflection: the core
     * module, which these tests are patched into, reads only java.xml and java.logging.
     */
    private static long allocatedBytes() throws Exception {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        return (long) counter.invoke(threads);
    }

    /** The libvirt seam holding one definition in memory; it counts defines. */
    private static final class OneDomain implements Domains {
        private String xml;
        int defines;

        OneDomain(String xml) {
            this.xml = xml;
        }

        @Override
        public List<DomainSummary> list() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String persistentXml(String uuid) {
            return xml;
        }

        @Override
        public String persistentXmlWithoutSecrets(String uuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String liveXml(String uuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isRunning(String uuid) {
            return false;
        }

        @Override
        public void define(String xml) {
            this.xml = xml;
            defines++;
        }

        @Override
        public void start(String uuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown(String uuid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void attachLive(String uuid, String deviceXml) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void detachLive(String uuid, String deviceXml) {
            throw new UnsupportedOperationException();
        }
    }
}
