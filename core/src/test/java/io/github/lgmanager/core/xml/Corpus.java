// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** The generated domain XMLs under src/test/resources/corpus (see scripts/make-corpus). */
public final class Corpus {

    /** Made by virt-install 4.1 --print-xml. */
    public static final String VIRT_INSTALL = "virt-install";
    /** The same, defined on libvirt's test driver and dumped again: libvirt's formatting. */
    public static final String LIBVIRT = "libvirt";
    /** q35 layouts as libvirt's QEMU driver stores them, every PCI address assigned (scripts/make-corpus-q35). */
    public static final String QEMU_DRIVER = "qemu-driver";

    /** Files that already contain a Looking Glass device (hand-made, from upstream's instructions). */
    private static final List<String> WITH_DEVICE = List.of("13-win10-shmem-lg-wrong", "14-win10-shmem-doorbell",
            "16-win11-kvmfr-handmade");

    private Corpus() {
    }

    public record Entry(String kind, String name, Path path) {

        public String xml() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean hasLookingGlassDevice() {
            return WITH_DEVICE.contains(name);
        }

        @Override
        public String toString() {
            return kind + "/" + name;
        }
    }

    public static Path directory() {
        URL url = Corpus.class.getResource("/corpus");
        if (url == null) {
            throw new AssertionError("corpus missing from the test class path: run scripts/make-corpus");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    public static List<Entry> all() {
        return Stream.of(VIRT_INSTALL, LIBVIRT, QEMU_DRIVER).flatMap(Corpus::of).toList();
    }

    public static Stream<Entry> of(String kind) {
        try (Stream<Path> files = Files.list(directory().resolve(kind))) {
            List<Entry> entries = files.filter(p -> p.toString().endsWith(".xml")).sorted()
                    .map(p -> new Entry(kind, p.getFileName().toString().replace(".xml", ""), p)).toList();
            if (entries.isEmpty()) {
                throw new AssertionError("no corpus files in " + directory().resolve(kind));
            }
            return entries.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One property's failure, named, among the others that still run (assertAll reports them all): one case per file checks every rule. */
    static Executable named(String property, Executable check) {
        return () -> {
            try {
                check.execute();
            } catch (Throwable failure) { // an editor exception too: it is this property that failed
                throw new AssertionError(property + ": " + failure.getMessage(), failure);
            }
        };
    }
}
