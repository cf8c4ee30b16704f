// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainXmlEditorTest {

    static final String VM = """
            <domain type='kvm'>
              <name>win11</name>
              <!-- tuned by hand, do not touch -->
              <memory unit='KiB'>16777216</memory>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <input type='tablet' bus='usb'/>
                <graphics type='spice' autoport='yes' passwd='s3cret'>
                  <listen type='address' address='127.0.0.1'/>
                </graphics>
                <video>
                  <model type='qxl' ram='65536' vram='65536' heads='1' primary='yes'/>
                </video>
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>
                </hostdev>
                <memballoon model='virtio'/>
                <shmem name='scream-ivshmem'>
                  <model type='ivshmem-plain'/>
                  <size unit='M'>2</size>
                </shmem>
              </devices>
            </domain>
            """;

    static final LookingGlassSettings SHM = LookingGlassSettings.defaults();

    static LookingGlassSettings kvmfr() throws Exception {
        return SHM.withMode(ShmMode.kvmfr("/dev/kvmfr0"));
    }

    static long count(String xml, String needle) {
        return xml.split(java.util.regex.Pattern.quote(needle), -1).length - 1L;
    }

    @Test
    void enableAddsOneIvshmemPlainShmemOfTheComputedSizeAfterTheOtherShmem() throws Exception {
        EditResult r = DomainXmlEditor.enable(VM, SHM.withResolution(new Resolution(2560, 1440)));
        assertTrue(r.changed());
        assertTrue(r.xml().contains("""
                      <size unit='M'>2</size>
                    </shmem>
                    <shmem name='looking-glass'>
                      <model type='ivshmem-plain'/>
                      <size unit='M'>64</size>
                    </shmem>
                  </devices>
                """), r.xml());
        assertTrue(r.notes().contains("added <shmem name='looking-glass'> (ivshmem-plain, 64 MiB)"), r.notes().toString());
    }

    @Test
    void enablingAgainAfterLibvirtRewroteOurMetadataInItsOwnQuotesChangesNothing() throws Exception {
        // libvirt stores <metadata> children through libxml2: double quotes, where we wrote single ones.
        String first = DomainXmlEditor.enable(VM, SHM.withUsers(List.of("alice"))).xml();
        int start = first.indexOf("<lgm:looking-glass");
        int end = first.indexOf("</lgm:looking-glass>");
        String asLibvirtStoresIt = first.substring(0, start)
                + first.substring(start, end).replace('\'', '"') + first.substring(end);

        EditResult again = DomainXmlEditor.enable(asLibvirtStoresIt, SHM.withUsers(List.of("alice")));

        assertFalse(again.changed(), again.notes().toString());
        assertEquals(asLibvirtStoresIt, again.xml());
    }

    @Test
    void enablingTwiceLeavesOneShmemDeviceAndChangesNothingTheSecondTime() throws Exception {
        String once = DomainXmlEditor.enable(VM, SHM).xml();
        EditResult twice = DomainXmlEditor.enable(once, SHM);
        assertFalse(twice.changed());
        assertEquals(List.of(), twice.notes());
        assertEquals(once, twice.xml());
        assertEquals(1, count(once, "<shmem name='looking-glass'>"));
    }

    @Test
    void enableThenDisableAndForgetGivesBackTheSameBytes() throws Exception {
        String enabled = DomainXmlEditor.enable(VM, SHM, EnumSet.noneOf(GuestExtra.class)).xml();
        assertEquals(VM, DomainXmlEditor.disableAndForget(enabled).xml());
    }

    @Test
    void disableRemovesTheDeviceAndTheEnabledFlagButKeepsTheOtherSettings() throws Exception {
        LookingGlassSettings s = SHM.withUsers(List.of("alice")).withResolution(new Resolution(3440, 1440));
        EditResult r = DomainXmlEditor.disable(DomainXmlEditor.enable(VM, s).xml());
        assertFalse(r.xml().contains("<shmem name='looking-glass'>"));
        assertFalse(r.xml().contains("lgm:enabled"));
        assertEquals(s.withEnabled(false), DomainXmlEditor.readSettings(r.xml()).orElseThrow());
        assertEquals(CanonicalXml.withoutOurMetadata(VM), CanonicalXml.withoutOurMetadata(r.xml()));
    }

    @Test
    void disablingAVmWithoutLookingGlassChangesNothing() throws Exception {
        EditResult r = DomainXmlEditor.disable(VM);
        assertFalse(r.changed());
        assertEquals(VM, r.xml());
    }

    @Test
    void resizingUpdatesTheSizeInPlace() throws Exception {
        String small = DomainXmlEditor.enable(VM, SHM).xml();
        EditResult big = DomainXmlEditor.enable(small, SHM.withResolution(new Resolution(3840, 2160)).withHdr(true));
        assertTrue(big.xml().contains("<size unit='M'>256</size>"));
        assertEquals(1, count(big.xml(), "<shmem name='looking-glass'>"));
        assertTrue(big.notes().contains("corrected <shmem name='looking-glass'>: size 32 MiB -> 256 MiB"),
                big.notes().toString());
    }

    @Test
    void anExistingShmemWithOurNameButWrongSizeAndModelIsCorrectedKeepingItsAddress() throws Exception {
        String vm = VM.replace("<memballoon model='virtio'/>", """
                <shmem name='looking-glass'>
                      <model type='ivshmem-doorbell'/>
                      <size unit='KiB'>16384</size>
                      <server path='/tmp/ivshmem_socket'/>
                      <address type='pci' domain='0x0000' bus='0x10' slot='0x01' function='0x0'/>
                    </shmem>""");
        EditResult r = DomainXmlEditor.enable(vm, SHM);
        assertTrue(r.xml().contains("""
                <shmem name='looking-glass'>
                      <model type='ivshmem-plain'/>
                      <size unit='M'>32</size>
                      <address type='pci' domain='0x0000' bus='0x10' slot='0x01' function='0x0'/>
                    </shmem>"""), r.xml());
        assertEquals(List.of("corrected <shmem name='looking-glass'>: model ivshmem-doorbell -> ivshmem-plain,"
                + " removed its doorbell-only <server>", "corrected <shmem name='looking-glass'>: size 16 MiB -> 32 MiB"),
                r.notes().subList(0, 2));
    }

    @Test
    void aShmemOfTheRightSizeInAnotherUnitIsLeftAlone() throws Exception {
        String vm = VM.replace("<memballoon model='virtio'/>",
                "<shmem name='looking-glass'><model type='ivshmem-plain'/><size unit='bytes'>33554432</size></shmem>");
        String enabled = DomainXmlEditor.enable(vm, SHM).xml();
        assertTrue(enabled.contains("<size unit='bytes'>33554432</size>"));
    }

    @Test
    void duplicateManagedShmemDevicesAreReducedToOne() throws Exception {
        String dev = "<shmem name='looking-glass'><model type='ivshmem-plain'/><size unit='M'>32</size></shmem>";
        String vm = VM.replace("<memballoon model='virtio'/>", dev + "\n    " + dev);
        EditResult r = DomainXmlEditor.enable(vm, SHM);
        assertEquals(1, count(r.xml(), "<shmem name='looking-glass'>"));
        assertTrue(r.notes().get(0).startsWith("removed a duplicate"), r.notes().toString());
    }

    @Test
    void renamingTheShmRemovesTheOldDevice() throws Exception {
        String first = DomainXmlEditor.enable(VM, SHM).xml();
        String renamed = DomainXmlEditor.enable(first, SHM.withShmName("lg-win11")).xml();
        assertEquals(0, count(renamed, "<shmem name='looking-glass'>"));
        assertEquals(1, count(renamed, "<shmem name='lg-win11'>"));
        assertEquals(1, count(renamed, "<shmem name='scream-ivshmem'>"));
    }

    @Test
    void kvmfrModeWritesTheQemuCommandLinePairInBytesAndDeclaresTheNamespace() throws Exception {
        EditResult r = DomainXmlEditor.enable(VM, kvmfr());
        assertTrue(r.xml().startsWith("<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"));
        assertTrue(r.xml().contains("""
                  </devices>
                  <qemu:commandline>
                    <qemu:arg value='-device'/>
                    <qemu:arg value="{'driver':'ivshmem-plain','id':'lgm-ivshmem','memdev':'looking-glass'}"/>
                    <qemu:arg value='-object'/>
                    <qemu:arg value="{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':33554432,'share':true}"/>
                  </qemu:commandline>
                </domain>
                """), r.xml());
        assertFalse(r.xml().contains("<shmem name='looking-glass'>"));
        assertEquals(VM, DomainXmlEditor.disableAndForget(r.xml()).xml());
    }

    @Test
    void otherQemuArgumentsSurviveKvmfrEnableAndDisable() throws Exception {
        String vm = VM.replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
                .replace("</devices>\n", """
                        </devices>
                          <qemu:commandline>
                            <qemu:arg value='-set'/>
                            <qemu:arg value='device.hostdev0.x-pci-sub-vendor-id=4318'/>
                            <qemu:env name='QEMU_AUDIO_DRV' value='pa'/>
                          </qemu:commandline>
                        """);
        String enabled = DomainXmlEditor.enable(vm, kvmfr()).xml();
        assertEquals(1, count(enabled, "<qemu:commandline>"));
        assertTrue(enabled.contains("<qemu:arg value='device.hostdev0.x-pci-sub-vendor-id=4318'/>"));
        assertTrue(enabled.contains("'mem-path':'/dev/kvmfr0'"));
        assertEquals(CanonicalXml.withoutOurMetadata(vm),
                CanonicalXml.withoutOurMetadata(DomainXmlEditor.disable(enabled).xml()));
        assertEquals(vm, DomainXmlEditor.disableAndForget(enabled).xml());
    }

    @Test
    void aKvmfrPairWrittenByHandFromTheDocsIsAdoptedAndCorrected() throws Exception {
        String vm = VM.replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
                .replace("</devices>\n", """
                        </devices>
                          <qemu:commandline>
                            <qemu:arg value='-device'/>
                            <qemu:arg value="{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"/>
                            <qemu:arg value='-object'/>
                            <qemu:arg value="{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':16777216,'share':true}"/>
                          </qemu:commandline>
                        """);
        EditResult r = DomainXmlEditor.enable(vm, kvmfr());
        assertEquals(1, count(r.xml(), "-object"));
        assertTrue(r.xml().contains("'size':33554432"));
        assertFalse(r.xml().contains("shmem0"));
        assertTrue(r.notes().get(0).startsWith("rewrote the kvmfr arguments"), r.notes().toString());
    }

    @Test
    void switchingModesRemovesTheOtherOne() throws Exception {
        String shm = DomainXmlEditor.enable(VM, SHM).xml();
        EditResult toKvmfr = DomainXmlEditor.enable(shm, kvmfr());
        assertFalse(toKvmfr.xml().contains("<shmem name='looking-glass'>"));
        assertTrue(toKvmfr.notes().contains("removed <shmem name='looking-glass'>"));
        EditResult back = DomainXmlEditor.enable(toKvmfr.xml(), SHM);
        assertFalse(back.xml().contains("qemu:commandline"));
        assertFalse(back.xml().contains("xmlns:qemu"));
        assertEquals(shm, back.xml());
    }

    @Test
    void commentsNamespacesAndOtherDevicesSurvive() throws Exception {
        String enabled = DomainXmlEditor.enable(VM, SHM, EnumSet.allOf(GuestExtra.class)).xml();
        assertTrue(enabled.contains("<!-- tuned by hand, do not touch -->"));
        assertTrue(enabled.contains("passwd='s3cret'"));
        assertTrue(enabled.contains("<hostdev mode='subsystem' type='pci' managed='yes'>"));
        assertTrue(enabled.contains("<shmem name='scream-ivshmem'>"));
    }

    @Test
    void extrasReplaceTheTabletAndSetVgaNoBalloonAndClipboard() throws Exception {
        EditResult r = DomainXmlEditor.enable(VM, SHM, EnumSet.allOf(GuestExtra.class));
        String x = r.xml();
        assertFalse(x.contains("type='tablet'"));
        assertTrue(x.contains("<input type='mouse' bus='virtio'/>\n    <input type='keyboard' bus='virtio'/>"), x);
        assertTrue(x.contains("<model type='vga' primary='yes'/>"), x);
        assertTrue(x.contains("<memballoon model='none'/>"), x);
        assertTrue(x.contains("    <channel type='spicevmc'>\n      <target type='virtio' name='com.redhat.spice.0'/>\n"
                + "    </channel>\n    <input type='mouse' bus='virtio'/>"), x);
        assertEquals(1, count(x, "<graphics type='spice'"), "an existing SPICE display is kept, not doubled");
    }

    @Test
    void enablingAVmWhoseSpiceHasAPasswordWarnsThatTheViewerCannotConnect() throws Exception {
        EditResult r = DomainXmlEditor.enable(VM, SHM); // VM's SPICE has passwd='s3cret'
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("warning: this VM's SPICE asks for a password, which"
                + " looking-glass-client B7 cannot send")), r.notes().toString());
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("s3cret")), "the password itself is never shown");
    }

    @Test
    void eachExtraIsSeparate() throws Exception {
        String x = DomainXmlEditor.enable(VM, SHM, Set.of(GuestExtra.MEMBALLOON_NONE)).xml();
        assertTrue(x.contains("<memballoon model='none'/>"));
        assertTrue(x.contains("type='tablet'"));
        assertTrue(x.contains("type='qxl'"));
        assertFalse(x.contains("spicevmc"));
    }

    @Test
    void spiceGraphicsAreAddedWhenMissing() throws Exception {
        String vnc = VM.replaceAll("(?s)<graphics.*</graphics>", "<graphics type='vnc' port='-1'/>");
        String x = DomainXmlEditor.enable(vnc, SHM, Set.of(GuestExtra.SPICE_GRAPHICS)).xml();
        assertTrue(x.contains("    <graphics type='vnc' port='-1'/>\n    <graphics type='spice'>\n"
                + "      <listen type='socket' socket='/run/lg-manager/spice/looking-glass/spice.sock'/>\n"
                + "    </graphics>\n"), x);
    }

    @Test
    void spiceOnTcpIsMovedToTheVmsOwnSocketKeepingTheRestOfTheElement() throws Exception {
        String tcp = VM.replaceAll("(?s)<graphics.*</graphics>", """
                <graphics type='spice' autoport='yes' listen='127.0.0.1'>
                      <listen type='address' address='127.0.0.1'/>
                      <image compression='off'/>
                    </graphics>""");
        EditResult r = DomainXmlEditor.enable(tcp, SHM.withShmName("looking-glass-win11"),
                Set.of(GuestExtra.SPICE_GRAPHICS));

        assertTrue(r.xml().contains("<graphics type='spice'>\n      <image compression='off'/>\n"
                + "      <listen type='socket' socket='/run/lg-manager/spice/looking-glass-win11/spice.sock'/>\n"
                + "    </graphics>"), r.xml());
        assertTrue(r.notes().contains("moved SPICE from TCP (127.0.0.1) to"
                + " /run/lg-manager/spice/looking-glass-win11/spice.sock: on TCP any local user could type into the"
                + " guest"), r.notes().toString());
        String again = DomainXmlEditor.enable(r.xml(), SHM.withShmName("looking-glass-win11"),
                Set.of(GuestExtra.SPICE_GRAPHICS)).xml();
        assertEquals(r.xml(), again, "a second --with-spice changes nothing");
    }

    @Test
    void metadataIsCreatedAfterNameAndKeepsOtherApplicationsMetadata() throws Exception {
        String x = DomainXmlEditor.enable(VM, SHM).xml();
        assertTrue(x.startsWith("<domain type='kvm'>\n  <name>win11</name>\n  <metadata>\n"
                + "    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>\n"), x);
        String withOsinfo = VM.replace("<name>win11</name>", """
                <name>win11</name>
                  <metadata>
                    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
                      <libosinfo:os id="http://microsoft.com/win/11"/>
                    </libosinfo:libosinfo>
                  </metadata>""");
        String y = DomainXmlEditor.enable(withOsinfo, SHM).xml();
        assertTrue(y.contains("<libosinfo:os id=\"http://microsoft.com/win/11\"/>"));
        assertEquals(withOsinfo, DomainXmlEditor.disableAndForget(y).xml());
    }

    @Test
    void aDocumentWithDoubleQuotesGetsDoubleQuotes() throws Exception {
        String x = DomainXmlEditor.enable(VM.replace('\'', '"'), SHM).xml();
        assertTrue(x.contains("<shmem name=\"looking-glass\">"), x);
    }

    @Test
    void aDocumentOnOneLineStaysOnOneLine() throws Exception {
        String flat = "<domain type='kvm'><name>a</name><devices><emulator>/usr/bin/qemu</emulator></devices></domain>";
        String x = DomainXmlEditor.enable(flat, SHM).xml();
        assertFalse(x.contains("\n"), x);
        assertEquals(flat, DomainXmlEditor.disableAndForget(x).xml());
    }

    @Test
    void aDomainWithoutDevicesGetsThem() throws Exception {
        String x = DomainXmlEditor.enable("<domain type='kvm'>\n  <name>a</name>\n</domain>\n", SHM).xml();
        assertTrue(x.contains("  <devices>\n    <shmem name='looking-glass'>"), x);
    }

    @Test
    void theXmlDeclarationCommentsOutsideTheRootAndOddSpellingsSurvive() throws Exception {
        String vm = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- saved by virt-manager -->\n"
                + "<domain  type = \"kvm\" >\n  <name>Spiel-PC f\u00fcr J\u00f6rg &amp; Co</name>\n"
                + "  <description><![CDATA[<b>do not</b> edit]]></description>\n"
                + "  <devices>\n    <disk type='file' device='disk'><source file='/v/a&apos;b.qcow2'/></disk>\n"
                + "    <interface type='network'/>\n  </devices>\n</domain>\n<!-- end -->\n";
        String enabled = DomainXmlEditor.enable(vm, SHM).xml();
        assertTrue(enabled.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- saved by virt-manager -->\n"
                + "<domain  type = \"kvm\" >\n  <name>Spiel-PC f\u00fcr J\u00f6rg &amp; Co</name>\n"
                + "  <description><![CDATA[<b>do not</b> edit]]></description>\n  <metadata>\n"), enabled);
        assertTrue(enabled.contains("<shmem name=\"looking-glass\">"), "the root's quote style is used");
        assertEquals(vm, DomainXmlEditor.disableAndForget(enabled).xml());
    }

    @Test
    void windowsLineEndingsAndTabsAreFollowed() throws Exception {
        String vm = "<domain type='kvm'>\r\n\t<name>a</name>\r\n\t<devices>\r\n\t\t<emulator>/usr/bin/qemu</emulator>\r\n"
                + "\t</devices>\r\n</domain>\r\n";
        String enabled = DomainXmlEditor.enable(vm, SHM).xml();
        assertTrue(enabled.contains("\t\t<emulator>/usr/bin/qemu</emulator>\r\n\t\t<shmem name='looking-glass'>\r\n"
                + "\t\t\t<model type='ivshmem-plain'/>\r\n\t\t\t<size unit='M'>32</size>\r\n\t\t</shmem>\r\n\t</devices>"),
                enabled);
        assertFalse(enabled.replace("\r\n", "").contains("\n"), "no bare LF added");
        assertEquals(vm, DomainXmlEditor.disableAndForget(enabled).xml());
    }

    @Test
    void metadataGoesAfterTitleAndDescription() throws Exception {
        String vm = "<domain type='kvm'>\n  <name>a</name>\n  <uuid>5f3c0b38-4b7e-4a43-a4f5-8b1a3e0e1c55</uuid>\n"
                + "  <title>Gaming</title>\n  <description>GPU passthrough</description>\n  <memory>1</memory>\n</domain>\n";
        String enabled = DomainXmlEditor.enable(vm, SHM).xml();
        assertTrue(enabled.contains("<description>GPU passthrough</description>\n  <metadata>\n"), enabled);
    }

    @Test
    void aNonQemuDomainIsEditedWithAWarning() throws Exception {
        EditResult r = DomainXmlEditor.enable("<domain type='xen'><name>a</name><devices/></domain>", SHM);
        assertTrue(r.notes().get(0).startsWith("warning: domain type 'xen' is not QEMU/KVM"), r.notes().toString());
    }
}
