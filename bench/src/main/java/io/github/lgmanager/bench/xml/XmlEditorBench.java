// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.bench.Stats;
import io.github.lgmanager.bench.xml.XmlCorpus.Sample;
import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.xml.CanonicalXml;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlReader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLStreamReader;

/**
 * The hand-written source-preserving tree against the JDK's DOM and StAX-with-splicing, on the domain XML corpus:
 * fidelity of the enable edit, time of the read every VM start makes, and lines of code. Prints Markdown; asserts
 * nothing. Run from a built checkout:
 * {@code java -cp 'bench/target/lg-bench.jar:bench/target/lib/*' io.github.lgmanager.bench.xml.XmlEditorBench .}
 */
public final class XmlEditorBench {

    interface Op {
        Object run(String xml) throws Exception;
    }

    static final String OURS = "hand-written tree (production)";
    static final String DOM = "DOM + Transformer";
    static final String STAX = "StAX + splice";
    private static final int WARMUP_ROUNDS = 300;
    private static final int ROUNDS = 200;
    static volatile int sink;

    private XmlEditorBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<Sample> corpus = XmlCorpus.corpus(repo);
        List<XmlCorpus.Set> sets = XmlCorpus.sets(corpus);
        System.out.println("# XmlEditorBench, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + "\n\n" + machine() + "\n");
        Map<String, Op> editors = editors();
        for (XmlCorpus.Set set : sets) {
            progress("fidelity: " + set.title());
            fidelity(set, editors);
        }
        for (XmlCorpus.Set set : sets) {
            reads(set);
        }
        offsets(sets);
        List<String> enabled = enabledXml(corpus);
        progress("warm read timing on " + enabled.size() + " enabled corpus files");
        timing("Start-time read (DomainXmlReader.definition) in a warm JVM, the " + enabled.size()
                + " corpus files after enable", readOps(true), enabled);
        List<String> large = enabledXml(sets.get(2).samples());
        timing("The same read, large set (every file over 8 KiB)", readOps(false), large);
        timing("The enable edit in a warm JVM (parse, edit, write, re-read check), the " + corpus.size()
                + " corpus files", editors, corpus.stream().map(Sample::xml).toList());
        progress("cold read timing: " + XmlColdRead.RUNS * 3 + " fresh JVMs");
        XmlColdRead.run(enabled);
        SourceLines.report(repo);
        System.out.println("(sink " + sink + ")");
    }

    static LookingGlassSettings settings() throws InvalidSettingsException {
        return LookingGlassSettings.defaults().withResolution(new Resolution(2560, 1440)).withUsers(List.of("alice"))
                .withClientOptions(List.of(ClientOption.of("win:fullScreen", "yes")));
    }

    /** The second settings of an update: bigger (4K HDR), so the device is resized and metadata children rewritten. */
    static LookingGlassSettings update() throws InvalidSettingsException {
        return settings().withResolution(new Resolution(3840, 2160)).withHdr(true).withUsers(List.of("alice", "bob"));
    }

    private static Map<String, Op> editors() throws InvalidSettingsException {
        LookingGlassSettings s = settings();
        Map<String, Op> m = new LinkedHashMap<>();
        m.put(OURS, xml -> DomainXmlEditor.enable(xml, s).xml());
        m.put(DOM, xml -> DomDomainEditor.enable(xml, s));
        m.put(STAX, xml -> StaxSpliceEditor.enable(xml, s));
        return m;
    }

    private static String enable(String editor, String xml, LookingGlassSettings s) throws Exception {
        return switch (editor) {
            case OURS -> DomainXmlEditor.enable(xml, s).xml();
            case DOM -> DomDomainEditor.enable(xml, s);
            default -> StaxSpliceEditor.enable(xml, s);
        };
    }

    private static List<String> enabledXml(List<Sample> samples) throws Exception {
        List<String> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(DomainXmlEditor.enable(s.xml(), settings()).xml());
        }
        return out;
    }

    private static void fidelity(XmlCorpus.Set set, Map<String, Op> editors) throws Exception {
        int n = set.samples().size();
        List<String> header = new ArrayList<>(List.of("variant", "failed", "byte-identical to production",
                "canonically equal", "identical outside the edit", "original lines rewritten (sum)",
                "2nd enable changes nothing", "update byte-identical", "update canonically equal"));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> losses = new ArrayList<>();
        Map<XmlFidelity.Feature, Integer> having = new LinkedHashMap<>();
        for (XmlFidelity.Feature f : XmlFidelity.Feature.values()) {
            having.put(f, (int) set.samples().stream().filter(s -> !f.of(s.xml()).isEmpty()).count());
        }
        for (String editor : editors.keySet()) {
            int failed = 0;
            int identical = 0;
            int canonical = 0;
            int rewritten = 0;
            int outside = 0;
            int idempotent = 0;
            int updateIdentical = 0;
            int updateCanonical = 0;
            Map<XmlFidelity.Feature, Integer> lost = new LinkedHashMap<>();
            for (Sample s : set.samples()) {
                String ours = enable(OURS, s.xml(), settings());
                String out;
                String updated;
                try {
                    out = enable(editor, s.xml(), settings());
                    updated = enable(editor, out, update());
                    idempotent += enable(editor, out, settings()).equals(out) ? 1 : 0;
                } catch (Exception e) {
                    failed++;
                    progress("  " + editor + " failed on " + s.name() + ": " + e.getMessage());
                    continue;
                }
                identical += out.equals(ours) ? 1 : 0;
                canonical += CanonicalXml.of(out).equals(CanonicalXml.of(ours)) ? 1 : 0;
                int changed = XmlFidelity.originalLinesChanged(s.xml(), out);
                rewritten += changed;
                // every original line production keeps is kept (LCS of lines: the edit itself may differ)
                outside += changed <= XmlFidelity.originalLinesChanged(s.xml(), ours) ? 1 : 0;
                String oursUpdated = enable(OURS, ours, update());
                updateIdentical += updated.equals(oursUpdated) ? 1 : 0;
                updateCanonical += CanonicalXml.of(updated).equals(CanonicalXml.of(oursUpdated)) ? 1 : 0;
                for (XmlFidelity.Feature f : XmlFidelity.Feature.values()) {
                    lost.merge(f, f.of(out).equals(f.of(ours)) ? 0 : 1, Integer::sum);
                }
            }
            rows.add(List.of(editor, Integer.toString(failed), identical + " / " + n, canonical + " / " + n,
                    outside + " / " + n, Integer.toString(rewritten), idempotent + " / " + n, updateIdentical + " / " + n,
                    updateCanonical + " / " + n));
            List<String> row = new ArrayList<>(List.of(editor));
            lost.forEach((f, count) -> row.add(count + " / " + having.get(f)));
            losses.add(row);
        }
        System.out.println("## Fidelity of enable: " + set.title() + " (" + n + " files)\n");
        table(header, rows);
        System.out.println("Files that lose each kind of spelling (lost in / files that have it):\n");
        List<String> lossHeader = new ArrayList<>(List.of("variant"));
        for (XmlFidelity.Feature f : XmlFidelity.Feature.values()) {
            lossHeader.add(f.title);
        }
        table(lossHeader, losses);
    }

    /** Whether each reader reports what DomainXmlReader.definition reports, before and after enable. */
    private static void reads(XmlCorpus.Set set) throws Exception {
        int dom = 0;
        int stax = 0;
        int total = 0;
        for (Sample s : set.samples()) {
            for (String xml : List.of(s.xml(), enable(OURS, s.xml(), settings()))) {
                DomainXmlReader.Definition want = DomainXmlReader.definition(xml);
                dom += want.equals(DomDomainReader.definition(xml)) ? 1 : 0;
                stax += want.equals(StaxDomainReader.definition(xml)) ? 1 : 0;
                total++;
            }
        }
        System.out.printf(Locale.ROOT, "Read path, %s: DOM reader agrees with DomainXmlReader.definition on %d / %d"
                + " documents, StAX reader on %d / %d (each file before and after enable).%n%n", set.title(), dom, total,
                stax, total);
    }

    private static void offsets(List<XmlCorpus.Set> sets) throws Exception {
        StringBuilder b = new StringBuilder("StAX `Location.getCharacterOffset()` agrees with the line/column offsets"
                + " on every tag in:");
        for (XmlCorpus.Set set : sets) {
            int agree = 0;
            for (Sample s : set.samples()) {
                agree += StaxSpliceEditor.characterOffsetsAgree(s.xml()) ? 1 : 0;
            }
            b.append(String.format(Locale.ROOT, " %s %d / %d;", set.title().replaceAll(" \\(.*", ""), agree,
                    set.samples().size()));
        }
        System.out.println(b.append(" (the splice variant uses line/column, checked against the text).\n"));
    }

    private static Map<String, Op> readOps(boolean parts) {
        Map<String, Op> m = new LinkedHashMap<>();
        m.put(OURS, DomainXmlReader::definition);
        if (parts) {
            privateStatic("SecureXml", "checkWellFormed", String.class, String.class)
                    .ifPresent(method -> m.put("  of which: JDK SAX well-formedness check (SecureXml)",
                            xml -> method.invoke(null, xml, "domain XML")));
            privateStatic("RawXmlParser", "parse", String.class)
                    .ifPresent(method -> m.put("  of which: RawXmlParser alone", xml -> method.invoke(null, xml)));
        }
        m.put(DOM, DomDomainReader::definition);
        if (parts) {
            m.put("  of which: DOM parse alone", JdkXml::dom);
        }
        m.put(STAX, StaxDomainReader::definition);
        if (parts) {
            m.put("  of which: StAX events alone", XmlEditorBench::staxEvents);
        }
        return m;
    }

    /** A package-private piece of the production code, to time it alone (the bench is not its package). */
    private static Optional<Method> privateStatic(String type, String name, Class<?>... params) {
        try {
            Method m = Class.forName("io.github.lgmanager.core.xml." + type).getDeclaredMethod(name, params);
            m.setAccessible(true);
            return Optional.of(m);
        } catch (ReflectiveOperationException | RuntimeException e) {
            progress("no " + type + "." + name + " to time alone: " + e);
            return Optional.empty();
        }
    }

    private static Object staxEvents(String xml) throws Exception {
        XMLStreamReader r = JdkXml.stax(xml);
        int events = 0;
        while (r.hasNext()) {
            events += r.next();
        }
        r.close();
        return events;
    }

    /** Median and p95 per call over every file, after warm-up; the order of the variants rotates per file. */
    private static void timing(String title, Map<String, Op> ops, List<String> inputs) throws Exception {
        List<String> names = new ArrayList<>(ops.keySet());
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            for (int i = 0; i < inputs.size(); i++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((i + round + k) % names.size());
                    long t0 = System.nanoTime();
                    Object result = ops.get(name).run(inputs.get(i));
                    long t1 = System.nanoTime();
                    sink += Objects.hashCode(result);
                    if (round >= WARMUP_ROUNDS) {
                        samples.get(name).add((t1 - t0) / 1000.0);
                    }
                }
            }
        }
        System.out.println("## " + title + "\n\n" + WARMUP_ROUNDS + " warm-up rounds, then " + ROUNDS + " rounds over "
                + inputs.size() + " files; per call, µs (System.nanoTime).\n");
        List<List<String>> rows = new ArrayList<>();
        samples.forEach((name, values) -> rows.add(row(name, Stats.of(values))));
        table(List.of("implementation", "median µs", "p95 µs", "min µs", "calls"), rows);
    }

    static List<String> row(String name, Stats s) {
        return List.of(name, String.format(Locale.ROOT, "%.1f", s.median()),
                String.format(Locale.ROOT, "%.1f", s.percentile(95)), String.format(Locale.ROOT, "%.1f", s.min()),
                Integer.toString(s.count()));
    }

    static void table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        b.append("---|".repeat(header.size())).append('\n');
        rows.forEach(r -> b.append("| ").append(String.join(" | ", r)).append(" |\n"));
        System.out.println(b);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // the figures stand without it
        }
        return cpu + " (" + Runtime.getRuntime().availableProcessors() + " cores), " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version");
    }

    static void progress(String line) {
        System.err.println(line);
    }
}
