// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** What a preview may show of a definition read with VIR_DOMAIN_XML_SECURE. */
class SecretsTest {

    /** As {@code virsh dumpxml --inactive --security-info} prints it (libvirt 9), trimmed to what matters here. */
    static final String SECURE_XML = """
            <domain type='kvm'>
              <name>win11</name>
              <devices>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <auth username='libvirt'>
                    <secret type='ceph' uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>
                  </auth>
                  <source protocol='rbd' name='pool/win11'>
                    <host name='mon1.example.org' port='6789'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <graphics type='spice' autoport='yes' passwd='s3cret' passwdValidTo='2030-01-01T00:00:00'>
                  <listen type='address' address='127.0.0.1'/>
                  <image compression='off'/>
                </graphics>
                <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' keymap='en-us' passwd='it&apos;s&amp;1' connected='keep'>
                  <listen type='address' address='0.0.0.0'/>
                </graphics>
                <graphics type='rdp' autoport='yes' multiUser='yes' passwd='rdp-pw'/>
                <graphics type='sdl' display=':0.0'/>
              </devices>
            </domain>
            """;

    @Test
    void everyGraphicsPasswordIsMaskedAndNothingElseChanges() {
        String expected = SECURE_XML.replace("passwd='s3cret'", "passwd='***'")
                .replace("passwd='it&apos;s&amp;1'", "passwd='***'").replace("passwd='rdp-pw'", "passwd='***'");
        assertEquals(expected, Secrets.masked(SECURE_XML));
    }

    @Test
    void secretReferencesWhichLibvirtShowsWithoutSecureStay() {
        String masked = Secrets.masked(SECURE_XML);
        assertTrue(masked.contains("<secret type='ceph' uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>"), masked);
        assertTrue(masked.contains("passwdValidTo='2030-01-01T00:00:00'"), masked);
    }

    @Test
    void xmlWithoutPasswordsComesBackByteForByte() {
        assertEquals(DomainXmlEditorTest.VM.replace(" passwd='s3cret'", ""),
                Secrets.masked(DomainXmlEditorTest.VM.replace(" passwd='s3cret'", "")));
    }

    @Test
    void anEnabledDefinitionIsShownWithItsNewDevicesAndItsPasswordMasked() throws Exception {
        String after = DomainXmlEditor.enable(DomainXmlEditorTest.VM, LookingGlassSettings.defaults(),
                EnumSet.of(GuestExtra.VIRTIO_INPUT)).xml();
        assertTrue(after.contains("passwd='s3cret'"), "the edit keeps the password");

        String masked = Secrets.masked(after);

        assertEquals(after.replace("passwd='s3cret'", "passwd='***'"), masked);
        assertTrue(masked.contains("    <input type='mouse' bus='virtio'/>"), masked);
    }

    @Test
    void xmlThatCannotBeReadIsNotShownAtAll() {
        String masked = Secrets.masked("<domain><devices><graphics type='vnc' passwd='s3cret'></devices></domain>");
        assertFalse(masked.contains("s3cret"), masked);
        assertTrue(masked.startsWith("(domain XML not shown: it cannot be read to hide its passwords: "), masked);
    }
}
