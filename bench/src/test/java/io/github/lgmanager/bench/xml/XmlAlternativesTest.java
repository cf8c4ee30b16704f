// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.xml.CanonicalXml;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlReader;
import org.junit.jupiter.api.Test;

/** The benchmark's alternatives must do the production edit, or its fidelity and timing figures mean nothing. */
class XmlAlternativesTest {

    /**
     * Over 8 KiB before the shmem goes in, with corpus file 04's name: the StAX reader's own character offsets are
     * wrong from its {@code <uuid>} on (where they drift depends on where the parser's buffer refills fall).
     */
    private static final String LARGE = "<domain type='kvm'>\n  <name>04-win10-q35-spice-pw</name>\n"
            + "  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>\n  <devices>\n"
            + "    <disk type='block' device='disk'>\n      <source dev='/dev/zvol/tank/x'/>\n    </disk>\n".repeat(120)
            + "    <memballoon model='virtio'/>\n  </devices>\n</domain>\n";

    @Test
    void spliceEnableOfALargeDomainIsByteIdenticalToTheProductionEditor() throws Exception {
        String expected = DomainXmlEditor.enable(LARGE, XmlEditorBench.settings()).xml();
        String spliced = StaxSpliceEditor.enable(LARGE, XmlEditorBench.settings());
        assertFalse(StaxSpliceEditor.characterOffsetsAgree(LARGE), "the test no longer reaches the drifting offsets");
        assertEquals(expected, spliced);
        assertTrue(spliced.contains("    <memballoon model='virtio'/>\n    <shmem name='looking-glass'>\n"), spliced);
    }

    @Test
    void domEnableIsTheProductionEditInAnotherSpelling() throws Exception {
        String expected = DomainXmlEditor.enable(LARGE, XmlEditorBench.settings()).xml();
        String dom = DomDomainEditor.enable(LARGE, XmlEditorBench.settings());
        assertEquals(CanonicalXml.of(expected), CanonicalXml.of(dom));
        assertEquals(DomainXmlReader.definition(expected), DomDomainReader.definition(dom));
    }

    @Test
    void bothReadersReportWhatTheProductionReaderReports() throws Exception {
        String enabled = DomainXmlEditor.enable(LARGE, XmlEditorBench.update()).xml();
        DomainXmlReader.Definition expected = DomainXmlReader.definition(enabled);
        assertTrue(expected.settings().isPresent() && expected.device().isPresent());
        assertEquals(expected, DomDomainReader.definition(enabled));
        assertEquals(expected, StaxDomainReader.definition(enabled));
    }

    @Test
    void theFidelityMeasureTellsQuotesOrderReferencesAndCommentsApart() {
        String xml = "<domain a='1' b=\"2\"><!-- c --><t>x&amp;y</t></domain>";
        assertNotEquals(XmlFidelity.Feature.QUOTING.of(xml), XmlFidelity.Feature.QUOTING.of(xml.replace("'1'", "\"1\"")));
        assertNotEquals(XmlFidelity.Feature.ATTRIBUTE_ORDER.of(xml),
                XmlFidelity.Feature.ATTRIBUTE_ORDER.of("<domain b=\"2\" a='1'><!-- c --><t>x&amp;y</t></domain>"));
        assertNotEquals(XmlFidelity.Feature.ENTITY_REFERENCES.of(xml),
                XmlFidelity.Feature.ENTITY_REFERENCES.of(xml.replace("&amp;", "&#38;")));
        assertNotEquals(XmlFidelity.Feature.COMMENTS.of(xml),
                XmlFidelity.Feature.COMMENTS.of(xml.replace("<!-- c -->", "")));
        assertEquals(2, XmlFidelity.originalLinesChanged("a\nb\nc\n", "a\nB\nC\n"));
    }
}
