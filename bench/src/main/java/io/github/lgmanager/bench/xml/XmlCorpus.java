// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The domain XML the benchmark runs over: the test corpus as the tools wrote it, and two sets derived from it
 * that the corpus lacks (its files are tool output: no comments, no CDATA, all under 8 KiB).
 */
final class XmlCorpus {

    record Sample(String name, String xml) {
    }

    record Set(String title, List<Sample> samples) {
    }

    private XmlCorpus() {
    }

    /** The corpus folder in a checkout: core's test resources. */
    static Path directory(Path repo) {
        Path dir = repo.resolve("core/src/test/resources/corpus");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        throw new IllegalArgumentException("no domain XML corpus under " + repo
                + " (expected core/src/test/resources/corpus; give the checkout as the first argument)");
    }

    static List<Sample> corpus(Path repo) {
        List<Sample> out = new ArrayList<>();
        for (String kind : List.of("libvirt", "virt-install")) {
            try (Stream<Path> files = Files.list(directory(repo).resolve(kind))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                    out.add(new Sample(kind + "/" + p.getFileName(), Files.readString(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<Set> sets(List<Sample> corpus) {
        return List.of(new Set("corpus as written by virt-install and libvirt", corpus),
                new Set("corpus, hand-edited (synthetic: declaration, comments, CDATA, a libvirt-escaped &apos;)",
                        derive(corpus, XmlCorpus::handEdited)),
                new Set("corpus, large (synthetic: 60 more disks, so every file is over 8 KiB)",
                        derive(corpus, XmlCorpus::large)));
    }

    private static List<Sample> derive(List<Sample> corpus, UnaryOperator<String> change) {
        return corpus.stream().map(s -> new Sample(s.name(), change.apply(s.xml()))).toList();
    }

    /** What a file saved by virt-manager and then edited by hand looks like, before libvirt reformats it. */
    static String handEdited(String xml) {
        String out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- saved by virt-manager, then edited by hand -->\n"
                + xml;
        out = afterLine(out, "</uuid>", "  <title>Bob&apos;s gaming VM</title>\n"
                + "  <description><![CDATA[GPU: <b>RTX 3080</b> & a Looking Glass display]]></description>\n");
        return beforeLine(out, "<devices>", "  <!-- tuned by hand: do not touch -->\n");
    }

    /** A domain with many disks: past the StAX reader's 8 KiB buffer, where its character offsets drift. */
    static String large(String xml) {
        char q = xml.contains("='") ? '\'' : '"';
        StringBuilder disks = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            disks.append(String.format("    <disk type=%1$cblock%1$c device=%1$cdisk%1$c>\n"
                    + "      <driver name=%1$cqemu%1$c type=%1$craw%1$c/>\n"
                    + "      <source dev=%1$c/dev/zvol/tank/data-%2$02d%1$c/>\n"
                    + "      <target dev=%1$csdx%2$02d%1$c bus=%1$cscsi%1$c/>\n    </disk>\n", q, i));
        }
        return xml.contains("</emulator>") ? afterLine(xml, "</emulator>", disks.toString())
                : afterLine(xml, "<devices>", disks.toString());
    }

    private static String afterLine(String xml, String marker, String insert) {
        int at = xml.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("no " + marker + " in a corpus file");
        }
        int eol = xml.indexOf('\n', at) + 1;
        return xml.substring(0, eol) + insert + xml.substring(eol);
    }

    private static String beforeLine(String xml, String marker, String insert) {
        int bol = xml.lastIndexOf('\n', xml.indexOf(marker)) + 1;
        return xml.substring(0, bol) + insert + xml.substring(bol);
    }
}
