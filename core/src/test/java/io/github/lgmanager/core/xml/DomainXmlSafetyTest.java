// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input we must refuse with a clear message, returning nothing. */
class DomainXmlSafetyTest {

    static final LookingGlassSettings S = LookingGlassSettings.defaults();

    static String refuse(String xml) {
        DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlEditor.enable(xml, S));
        assertThrows(DomainXmlException.class, () -> DomainXmlEditor.disable(xml));
        assertThrows(DomainXmlException.class, () -> DomainXmlReader.managedDevice(xml));
        return e.getMessage();
    }

    @Test
    void refusesExternalEntities() {
        String m = refuse("""
                <?xml version="1.0"?>
                <!DOCTYPE domain [<!ENTITY xxe SYSTEM "file:///etc/shadow">]>
                <domain type='kvm'><name>&xxe;</name></domain>""");
        assertTrue(m.contains("DOCTYPE"), m);
    }

    @Test
    void refusesEntityExpansionBombs() {
        String m = refuse("""
                <!DOCTYPE domain [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <domain type='kvm'><name>&b;</name></domain>""");
        assertTrue(m.contains("DOCTYPE"), m);
    }

    @Test
    void refusesAnyDoctype() {
        String m = refuse("<!DOCTYPE domain SYSTEM \"http://example.com/domain.dtd\"><domain type='kvm'/>");
        assertTrue(m.contains("not well-formed"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<domain type='kvm'><name>a</name>", "<domain type='kvm'><name>a</domain>", "just text",
            "<domain type='kvm' type='qemu'/>", "<domain type=kvm/>", "<domain><a:b/></domain>",
            "<domain>&undefined;</domain>", "<domain/><domain/>"})
    void refusesXmlThatIsNotWellFormedSayingWhere(String xml) {
        String m = refuse(xml);
        assertTrue(m.startsWith("domain XML is not well-formed XML (line "), m);
    }

    /** Each thread reuses one parser: what it refused or accepted before must not change what it does next. */
    @Test
    void theReusedParserStaysStrictAfterGoodAndBrokenDocuments() throws DomainXmlException {
        String good = "<domain type='kvm'><name>a</name></domain>";
        String doctype = "<!DOCTYPE domain [<!ENTITY xxe SYSTEM \"file:///etc/shadow\">]><domain type='kvm'><name>&xxe;</name></domain>";
        for (int round = 0; round < 3; round++) {
            DomainXmlReader.settings(good);
            assertTrue(refuse(doctype).contains("DOCTYPE"));
            assertTrue(refuse("<domain type='kvm'><name>a</domain>").contains("not well-formed"));
            DomainXmlReader.settings(good);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesEmptyInput(String xml) {
        assertTrue(refuse(xml).contains("empty"));
    }

    @Test
    void refusesDocumentsThatAreNotADomain() {
        String m = refuse("<network><name>default</name></network>");
        assertTrue(m.contains("root element is <network>, expected <domain>"), m);
        assertTrue(refuse("<d:domain xmlns:d='urn:x'/>").contains("expected <domain>"));
    }

    @Test
    void refusesInputOverTheSizeLimit() {
        String big = "<domain type='kvm'><name>a</name><description>" + "x".repeat(SecureXml.MAX_CHARS)
                + "</description></domain>";
        String m = refuse(big);
        assertTrue(m.contains("over the limit"), m);
    }

    @Test
    void refusesLiveXmlForEditsButReadsIt() throws Exception {
        String live = "<domain type='kvm' id='7'><name>win11</name><devices/></domain>";
        DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlEditor.enable(live, S));
        assertTrue(e.getMessage().contains("VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE"), e.getMessage());
        assertTrue(DomainXmlReader.managedDevice(live).isEmpty());
    }

    @Test
    void invalidStoredSettingsAreReportedByTheReaderAndReplacedByEnable() throws Exception {
        String vm = """
                <domain type='kvm'>
                  <name>win11</name>
                  <metadata>
                    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>
                      <lgm:shm name='../../etc/passwd'/>
                    </lgm:looking-glass>
                  </metadata>
                  <devices/>
                </domain>
                """;
        DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlReader.settings(vm));
        assertTrue(e.getMessage().contains("invalid shm name '../../etc/passwd'"), e.getMessage());
        EditResult r = DomainXmlEditor.enable(vm, S);
        assertTrue(r.notes().get(0).startsWith("ignored unreadable Looking Glass settings"), r.notes().toString());
        assertTrue(r.xml().contains("<lgm:shm name='looking-glass'/>"));
    }
}
