// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure rules, over every corpus file (the schema and test-driver checks are in CorpusValidationIT). */
class CorpusTest {

    static final LookingGlassSettings SHM = LookingGlassSettings.defaults().withResolution(new Resolution(2560, 1440));
    static final LookingGlassSettings KVMFR;

    static {
        try {
            KVMFR = SHM.withMode(ShmMode.kvmfr("/dev/kvmfr0"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Stream<Corpus.Entry> all() {
        return Corpus.all().stream();
    }

    /** Files with a hand-made device are corrected in place instead: see DomainXmlEditorTest. */
    static Stream<Corpus.Entry> libvirtFormattedWithoutDevice() {
        return Stream.concat(Corpus.of(Corpus.LIBVIRT), Corpus.of(Corpus.QEMU_DRIVER)).filter(e -> !e.hasLookingGlassDevice());
    }

    static Stream<LookingGlassSettings> modes() {
        return Stream.of(SHM, KVMFR);
    }

    /**
     * Every rule over one file, as one case per file: a failure names the file and each property that failed
     * (the rules were separate cases, seven near-identical ones per file).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyRuleHoldsForThisFile(Corpus.Entry e) {
        assertAll(e.toString(),
                Corpus.named("parsing and rendering without an edit is byte identical", () -> parsingAndRenderingWithoutAnEditIsByteIdentical(e)),
                Corpus.named("the tree has the structure the jdk parser sees", () -> theTreeHasTheStructureTheJdkParserSees(e)),
                Corpus.named("shm enable is idempotent and disable restores the original", () -> shmEnableIsIdempotentAndDisableRestoresTheOriginal(e)),
                Corpus.named("kvmfr enable is idempotent and disable restores the original", () -> kvmfrEnableIsIdempotentAndDisableRestoresTheOriginal(e)),
                Corpus.named("switching shm to kvmfr and back equals enabling shm", () -> switchingShmToKvmfrAndBackEqualsEnablingShm(e)),
                Corpus.named("all extras are idempotent and leave one managed device", () -> allExtrasAreIdempotentAndLeaveOneManagedDevice(e)),
                Corpus.named("enabling libvirt formatted xml only adds lines", () -> {
                    if (libvirtFormattedWithoutDevice().anyMatch(e::equals)) {
                        enablingLibvirtFormattedXmlOnlyAddsLines(e);
                    }
                }));
    }


    /**
     * The q35 layouts libvirt's QEMU driver made: where our device goes in each, one assertion per file. A place of
     * our own wherever one is left (no controller added, none of the user's changed); libvirt's placing only in 43.
     */
    @Test
    void eachQ35LayoutGivesOurDeviceThePlaceItShould() {
        java.util.Map<String, String> expected = java.util.Map.of(
                "40-q35-spare-root-ports", "bus 0x00 slot 0x1c function 0x0",
                "41-q35-no-spare-ports", "bus 0x00 slot 0x1c function 0x0",
                "42-q35-full-root-bus", "bus 0x1a slot 0x00 function 0x0",
                "43-q35-no-place-left", "left to libvirt");
        assertEquals(expected.keySet(), Corpus.of(Corpus.QEMU_DRIVER).map(Corpus.Entry::name).collect(
                java.util.stream.Collectors.toSet()), "the q35 layouts");
        assertAll(Corpus.of(Corpus.QEMU_DRIVER).map(e -> Corpus.named(e.toString(), () -> {
            String enabled = DomainXmlEditor.enable(e.xml(), SHM).xml();
            DomainDocument doc = DomainDocument.parse(enabled);
            String place = ShmemDevices.named(doc, "looking-glass").get(0).element("address")
                    .map(a -> "bus " + a.attrOr("bus", "") + " slot " + a.attrOr("slot", "") + " function "
                            + a.attrOr("function", ""))
                    .orElse("left to libvirt");
            assertEquals(expected.get(e.name()), place);
            assertEquals(place.equals("left to libvirt"), DomainXmlEditor.placementLeftToLibvirt(enabled));
        })));
    }

    @Test
    void corpusHasAtLeastThirtyFilesFromEachTool() {
        assertTrue(Corpus.of(Corpus.VIRT_INSTALL).count() >= 30, "virt-install files");
        assertTrue(Corpus.of(Corpus.LIBVIRT).count() >= 25, "libvirt-formatted files");
    }

    void parsingAndRenderingWithoutAnEditIsByteIdentical(Corpus.Entry e) throws Exception {
        String xml = e.xml();
        assertEquals(xml, DomainDocument.parse(xml).render());
    }

    void theTreeHasTheStructureTheJdkParserSees(Corpus.Entry e) throws Exception {
        String xml = e.xml();
        assertEquals(CanonicalXml.of(xml), TreeCanonical.of(DomainDocument.parse(xml).root));
        String edited = DomainXmlEditor.enable(xml, KVMFR, EnumSet.allOf(GuestExtra.class)).xml();
        assertEquals(CanonicalXml.of(edited), TreeCanonical.of(DomainDocument.parse(edited).root));
    }

    void shmEnableIsIdempotentAndDisableRestoresTheOriginal(Corpus.Entry e) throws Exception {
        roundTrip(e, SHM);
    }

    void kvmfrEnableIsIdempotentAndDisableRestoresTheOriginal(Corpus.Entry e) throws Exception {
        roundTrip(e, KVMFR);
    }

    private static void roundTrip(Corpus.Entry e, LookingGlassSettings s) throws Exception {
        String original = e.xml();
        EditResult enabled = DomainXmlEditor.enable(original, s);
        assertTrue(enabled.changed(), "enable changed nothing");
        EditResult again = DomainXmlEditor.enable(enabled.xml(), s);
        assertFalse(again.changed(), () -> "second enable changed: " + again.notes());
        assertEquals(enabled.xml(), again.xml());
        assertEquals(s.withEnabled(true), DomainXmlEditor.readSettings(enabled.xml()).orElseThrow());

        String baseline = e.hasLookingGlassDevice() ? DomainXmlEditor.disableAndForget(original).xml() : original;
        String forgotten = DomainXmlEditor.disableAndForget(enabled.xml()).xml();
        assertEquals(CanonicalXml.of(baseline), CanonicalXml.of(forgotten));
        if (!e.hasLookingGlassDevice()) {
            assertEquals(original, forgotten, "enable then disable-and-forget is not byte-identical");
        }
        String disabled = DomainXmlEditor.disable(enabled.xml()).xml();
        assertEquals(CanonicalXml.withoutOurMetadata(baseline), CanonicalXml.withoutOurMetadata(disabled));
        assertEquals(s.withEnabled(false), DomainXmlEditor.readSettings(disabled).orElseThrow());
        String reenabled = DomainXmlEditor.enable(disabled, s).xml();
        if (e.hasLookingGlassDevice()) {
            // a hand-made device was corrected where it stood (its address left to libvirt); re-enabling puts ours
            // in our place, with the root-bus slot we choose on q35
            assertEquals(CanonicalXml.of(withoutOurAddress(enabled.xml())), CanonicalXml.of(withoutOurAddress(reenabled)));
        } else {
            assertEquals(enabled.xml(), reenabled, "re-enabling differs from enabling");
        }
    }

    void switchingShmToKvmfrAndBackEqualsEnablingShm(Corpus.Entry e) throws Exception {
        String shm = DomainXmlEditor.enable(e.xml(), SHM).xml();
        String kvmfr = DomainXmlEditor.enable(shm, KVMFR).xml();
        assertFalse(kvmfr.contains("<shmem name=\"looking-glass\"") || kvmfr.contains("<shmem name='looking-glass'"));
        String back = DomainXmlEditor.enable(kvmfr, SHM).xml();
        if (e.hasLookingGlassDevice()) {
            assertEquals(CanonicalXml.of(withoutOurAddress(shm)), CanonicalXml.of(withoutOurAddress(back)));
        } else {
            assertEquals(CanonicalXml.of(shm), CanonicalXml.of(back));
        }
    }

    /** The address we give our device on q35: a hand-made device we only corrected keeps having none. */
    static String withoutOurAddress(String xml) {
        return xml.replaceAll("(<shmem name=[\"']looking-glass[\"']>(?:(?!</shmem>)[\\s\\S])*?)\\s*<address [^>]*/>", "$1");
    }

    void allExtrasAreIdempotentAndLeaveOneManagedDevice(Corpus.Entry e) throws Exception {
        EditResult once = DomainXmlEditor.enable(e.xml(), SHM, EnumSet.allOf(GuestExtra.class));
        EditResult twice = DomainXmlEditor.enable(once.xml(), SHM, EnumSet.allOf(GuestExtra.class));
        assertFalse(twice.changed(), () -> "second enable with extras changed: " + twice.notes());
        DomainDocument doc = DomainDocument.parse(once.xml());
        assertEquals(1, ShmemDevices.named(doc, "looking-glass").size());
        XElement devices = doc.devices().orElseThrow();
        assertEquals(List.of(), devices.elements("input").filter(i -> "tablet".equals(i.attrOr("type", ""))).toList());
        assertEquals("vga", devices.element("video").orElseThrow().element("model").orElseThrow().attrOr("type", ""));
        assertEquals("none", devices.element("memballoon").orElseThrow().attrOr("model", ""));
    }

    void enablingLibvirtFormattedXmlOnlyAddsLines(Corpus.Entry e) throws Exception {
        String original = e.xml();
        String enabled = DomainXmlEditor.enable(original, SHM).xml();
        // every original line is still there, in order: the dry-run diff only adds lines
        List<String> before = original.lines().toList();
        List<String> after = enabled.lines().toList();
        int j = 0;
        for (String line : after) {
            if (j < before.size() && before.get(j).equals(line)) {
                j++;
            }
        }
        assertEquals(before.size(), j, "some original lines were changed or reordered");
        // on q35 our device also gets a place of its own (a free root slot, else a free function of a multifunction
        // root slot, else an empty root port), so that libvirt adds and changes nothing for it; with none left,
        // libvirt places it (what it adds is recorded after the define)
        DomainDocument parsed = DomainDocument.parse(original);
        String address = PciRootSlots.place(parsed).filter(p -> PciRootSlots.isQ35(parsed))
                .map(p -> "      <address type='pci' domain='0x0000' bus='" + p.bus() + "' slot='" + p.slot()
                        + "' function='" + p.function() + "'/>\n")
                .orElse("");
        assertTrue(enabled.contains("    <shmem name='looking-glass'>\n      <model type='ivshmem-plain'/>\n"
                + "      <size unit='M'>64</size>\n" + address + "    </shmem>\n"), enabled);
    }
}
