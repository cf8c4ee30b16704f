// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Every corpus file through enable -> libvirt's schema -> libvirt's test driver -> disable, in both
 * modes. The test driver parses the XML with libvirt's real domain parser, so it catches what the
 * schema allows but libvirt refuses; it does not know the qemu namespace and drops
 * {@code <qemu:commandline>}, which the schema check covers instead (see schemaChecksTheQemuNamespace).
 */
class CorpusValidationIT {

    static final Path WORK = Path.of("target", "corpus-validation");
    static Connect conn;

    @BeforeAll
    static void connect() throws LibvirtException {
        conn = new Connect("test:///default");
    }

    @AfterAll
    static void close() throws LibvirtException {
        if (conn != null) {
            conn.close();
        }
    }

    /**
     * Every check over one file through libvirt's schema and test driver, as one case per file; a failure
     * names the file and each property that failed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyFileValidatesDefinesAndRoundTrips(Corpus.Entry e) {
        assertAll(e.toString(),
                Corpus.named("the original is valid and defines", () -> theOriginalIsValidAndDefines(e)),
                Corpus.named("shm mode validates defines and disables to the original", () -> shmModeValidatesDefinesAndDisablesToTheOriginal(e)),
                Corpus.named("kvmfr mode validates defines and disables to the original", () -> kvmfrModeValidatesDefinesAndDisablesToTheOriginal(e)),
                Corpus.named("switching shm kvmfr shm stays valid", () -> switchingShmKvmfrShmStaysValid(e)),
                Corpus.named("all extras validate and define", () -> allExtrasValidateAndDefine(e)));
    }


    static Stream<Corpus.Entry> all() {
        return Corpus.all().stream();
    }

    static void assertValid(String xml, String what) {
        String problems = VirtXmlValidate.problems(xml, WORK);
        assertNull(problems, () -> what + " fails libvirt's schema:\n" + problems + "\n" + xml);
    }

    /** Defines on the test driver and returns what libvirt made of it (INACTIVE | SECURE). */
    static String define(String xml) throws LibvirtException {
        Domain d = conn.domainDefineXML(xml);
        try {
            return d.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
        } finally {
            d.undefine();
        }
    }

    static void assertPasswordsKept(String original, String defined) {
        Matcher m = Pattern.compile("passwd=['\"]([^'\"]*)['\"]").matcher(original);
        while (m.find()) {
            assertTrue(defined.contains("passwd='" + m.group(1) + "'"), "graphics password lost: " + m.group(1));
        }
    }

    void theOriginalIsValidAndDefines(Corpus.Entry e) throws Exception {
        assertValid(e.xml(), "the original");
        define(e.xml());
    }

    void shmModeValidatesDefinesAndDisablesToTheOriginal(Corpus.Entry e) throws Exception {
        chain(e, CorpusTest.SHM);
    }

    void kvmfrModeValidatesDefinesAndDisablesToTheOriginal(Corpus.Entry e) throws Exception {
        chain(e, CorpusTest.KVMFR);
    }

    private static void chain(Corpus.Entry e, LookingGlassSettings s) throws Exception {
        String original = e.xml();
        String enabled = DomainXmlEditor.enable(original, s).xml();
        assertValid(enabled, "enabled (" + s.mode().kind() + ")");
        String defined = define(enabled);
        assertEquals(s.withEnabled(true), DomainXmlEditor.readSettings(defined).orElseThrow(),
                "libvirt did not keep our metadata");
        if (!s.mode().isKvmfr()) {
            assertEquals(new SharedMemoryDevice(s.mode().kind(), "/dev/shm/looking-glass", s.sizeBytes()),
                    DomainXmlReader.managedDevice(defined).orElseThrow(), "libvirt did not keep the <shmem>");
        }
        assertPasswordsKept(original, defined);

        String disabled = DomainXmlEditor.disable(enabled).xml();
        assertValid(disabled, "disabled");
        define(disabled);
        String forgotten = DomainXmlEditor.disableAndForget(enabled).xml();
        String baseline = e.hasLookingGlassDevice() ? DomainXmlEditor.disableAndForget(original).xml() : original;
        assertEquals(CanonicalXml.of(baseline), CanonicalXml.of(forgotten));
        assertEquals(CanonicalXml.withoutOurMetadata(baseline), CanonicalXml.withoutOurMetadata(disabled));
    }

    void switchingShmKvmfrShmStaysValid(Corpus.Entry e) throws Exception {
        String shm = DomainXmlEditor.enable(e.xml(), CorpusTest.SHM).xml();
        String kvmfr = DomainXmlEditor.enable(shm, CorpusTest.KVMFR).xml();
        assertValid(kvmfr, "shm -> kvmfr");
        define(kvmfr);
        String back = DomainXmlEditor.enable(kvmfr, CorpusTest.SHM).xml();
        assertValid(back, "shm -> kvmfr -> shm");
        define(back);
    }

    void allExtrasValidateAndDefine(Corpus.Entry e) throws Exception {
        String x = DomainXmlEditor.enable(e.xml(), CorpusTest.SHM, EnumSet.allOf(GuestExtra.class)).xml();
        assertValid(x, "enabled with all extras");
        String defined = define(x);
        assertTrue(defined.contains("<memballoon model='none'/>"), defined);
        assertTrue(defined.contains("<input type='mouse' bus='virtio'/>"), defined);
        assertTrue(defined.contains("<model type='vga'"), defined);
    }

    @Test
    void schemaChecksTheQemuNamespace() {
        String broken = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                + "<memory>1024</memory><os><type>hvm</type></os><qemu:commandline><qemu:arg/></qemu:commandline></domain>";
        assertNotNull(VirtXmlValidate.problems(broken, WORK), "a <qemu:arg> without value must fail the schema");
    }

    @Test
    void theTestDriverRejectsABrokenShmem() {
        String broken = "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os><devices>"
                + "<shmem><model type='ivshmem-plain'/></shmem></devices></domain>";
        LibvirtException e = assertThrows(LibvirtException.class, () -> define(broken));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
    }

    /**
     * Why kvmfr results are checked by the schema and not by the test driver. If this starts failing,
     * libvirt's test driver learned the qemu namespace: then assert the pair survives define instead.
     */
    @Test
    void theTestDriverDropsQemuCommandLineSoTheSchemaHasToCheckIt() throws Exception {
        String vm = "<domain type='kvm'><name>kvmfr-probe</name><memory>1048576</memory>"
                + "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices/></domain>";
        String enabled = DomainXmlEditor.enable(vm, CorpusTest.KVMFR).xml();
        assertTrue(enabled.contains("<qemu:commandline>"));
        assertValid(enabled, "kvmfr probe");
        String defined = define(enabled);
        assertTrue(!defined.contains("commandline") && defined.contains("lgm:looking-glass"), defined);
    }
}
