// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsCodecTest {

    static final String VM = "<domain type='kvm'>\n  <name>lab</name>\n  <devices>\n  </devices>\n</domain>\n";

    static String withMetadata(String inner) {
        return "<domain type='kvm'>\n  <name>lab</name>\n  <metadata>\n" + inner + "\n  </metadata>\n  <devices/>\n</domain>\n";
    }

    @Test
    void everySettingSurvivesAWriteAndARead() throws Exception {
        LookingGlassSettings s = LookingGlassSettings.defaults().withResolution(new Resolution(3440, 1440)).withHdr(true)
                .withFormula(ShmFormula.IDD).withShmName("lg-lab").withMode(ShmMode.kvmfr("/dev/kvmfr2"))
                .withUsers(List.of("alice", "bob")).withAutoOpen("bob", true)
                .withClientOptions(List.of(ClientOption.parse("egl:scale=2"), ClientOption.parse("win:title=<a & 'b'>")));
        String x = DomainXmlEditor.enable(VM, s).xml();
        assertEquals(Optional.of(s.withEnabled(true)), DomainXmlEditor.readSettings(x));
        assertTrue(x.contains("""
                    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>
                      <lgm:enabled>true</lgm:enabled>
                      <lgm:resolution width='3440' height='1440'/>
                      <lgm:hdr>true</lgm:hdr>
                      <lgm:formula>idd</lgm:formula>
                      <lgm:shm name='lg-lab'/>
                      <lgm:mode type='kvmfr' device='/dev/kvmfr2'/>
                      <lgm:users>
                        <lgm:user>alice</lgm:user>
                        <lgm:user>bob</lgm:user>
                      </lgm:users>
                      <lgm:auto-open-users>
                        <lgm:user>bob</lgm:user>
                      </lgm:auto-open-users>
                      <lgm:client-options>
                        <lgm:option key='egl:scale' value='2'/>
                        <lgm:option key='win:title' value="&lt;a &amp; 'b'>"/>
                      </lgm:client-options>
                    </lgm:looking-glass>
                """), x);
    }

    @Test
    void anOlderVersionsVmWideAutoOpenReadsAsEveryListedUsersChoiceAndIsRewrittenPerUser() throws Exception {
        String x = withMetadata("""
                    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>
                      <lgm:enabled>true</lgm:enabled>
                      <lgm:users><lgm:user>alice</lgm:user><lgm:user>bob</lgm:user></lgm:users>
                      <lgm:auto-open>true</lgm:auto-open>
                    </lgm:looking-glass>""");
        LookingGlassSettings s = DomainXmlEditor.readSettings(x).orElseThrow();
        assertEquals(List.of("alice", "bob"), s.autoOpenUsers());
        String updated = DomainXmlEditor.enable(x, s.withAutoOpen("alice", false)).xml();
        assertFalse(updated.contains("lgm:auto-open>"), updated);
        assertEquals(List.of("bob"), DomainXmlEditor.readSettings(updated).orElseThrow().autoOpenUsers());
    }

    @Test
    void removingAUserDropsTheirAutoOpenChoice() throws Exception {
        LookingGlassSettings s = LookingGlassSettings.defaults().withUsers(List.of("alice", "bob"))
                .withAutoOpenForAll(true).withUsers(List.of("alice"));
        assertEquals(List.of("alice"), s.autoOpenUsers());
        assertEquals(List.of(), s.withUsers(List.of("carol")).withUsers(List.of("alice")).autoOpenUsers());
    }

    @Test
    void aVmWithoutOurMetadataHasNoSettings() throws Exception {
        assertEquals(Optional.empty(), DomainXmlEditor.readSettings(VM));
    }

    @Test
    void missingChildrenTakeTheirDefaults() throws Exception {
        String x = withMetadata("    <lg:looking-glass xmlns:lg='https://lgmanager.github.io/xmlns/vm/1'/>");
        assertEquals(Optional.of(LookingGlassSettings.defaults()), DomainXmlEditor.readSettings(x));
    }

    @Test
    void unknownElementsOfOurNamespaceSurviveAnUpdateInPlace() throws Exception {
        String newer = withMetadata("""
                    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1' lgm:schema='2'>
                      <lgm:resolution width='1920' height='1080'/>
                      <lgm:audio-capture enabled='yes'><lgm:device>pipewire</lgm:device></lgm:audio-capture>
                      <lgm:hdr>false</lgm:hdr>
                    </lgm:looking-glass>""".indent(4).stripTrailing());
        String x = DomainXmlEditor.enable(newer, LookingGlassSettings.defaults().withResolution(new Resolution(2560, 1440)))
                .xml();
        assertTrue(x.contains("<lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1' lgm:schema='2'>"));
        assertTrue(x.contains("""
                      <lgm:resolution width='2560' height='1440'/>
                      <lgm:audio-capture enabled='yes'><lgm:device>pipewire</lgm:device></lgm:audio-capture>
                      <lgm:hdr>false</lgm:hdr>
                """), x);
        String disabled = DomainXmlEditor.disable(x).xml();
        assertTrue(disabled.contains("<lgm:audio-capture enabled='yes'><lgm:device>pipewire</lgm:device></lgm:audio-capture>"));
    }

    @Test
    void ourNamespaceIsFoundUnderAnyPrefix() throws Exception {
        String x = withMetadata("""
                    <looking-glass xmlns='https://lgmanager.github.io/xmlns/vm/1'>
                      <enabled>true</enabled>
                      <shm name='other'/>
                    </looking-glass>""");
        LookingGlassSettings s = DomainXmlEditor.readSettings(x).orElseThrow();
        assertEquals("other", s.shmName());
        assertTrue(s.enabled());
        String updated = DomainXmlEditor.enable(x, s.withUsers(List.of("alice")).withAutoOpen("alice", true)).xml();
        assertTrue(updated.replaceAll("\\s+", "").contains("<auto-open-users><user>alice</user></auto-open-users>"),
                updated);
        assertFalse(updated.contains("lgm:"), updated);
    }

    @Test
    void elementsOfOtherNamespacesWithOurNamesAreIgnored() throws Exception {
        String x = withMetadata("    <lg:looking-glass xmlns:lg='urn:someone-else'><lg:enabled>yes</lg:enabled></lg:looking-glass>");
        assertEquals(Optional.empty(), DomainXmlEditor.readSettings(x));
        String enabled = DomainXmlEditor.enable(x, LookingGlassSettings.defaults()).xml();
        assertTrue(enabled.contains("<lg:looking-glass xmlns:lg='urn:someone-else'>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<lgm:enabled>yes</lgm:enabled>", "<lgm:resolution width='0' height='1080'/>",
            "<lgm:formula>b6</lgm:formula>", "<lgm:mode type='dmabuf'/>", "<lgm:mode type='kvmfr' device='/dev/sda'/>",
            "<lgm:shm name='a/b'/>", "<lgm:users><lgm:user>root:x</lgm:user></lgm:users>",
            "<lgm:client-options><lgm:option key='scale' value='2'/></lgm:client-options>"})
    void invalidStoredValuesAreNamedInTheError(String child) {
        String x = withMetadata("    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>" + child
                + "</lgm:looking-glass>");
        DomainXmlException e = assertThrows(DomainXmlException.class, () -> DomainXmlEditor.readSettings(x));
        assertTrue(e.getMessage().startsWith("domain 'lab': our settings in <metadata> are invalid: "), e.getMessage());
    }
}
