// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import static io.github.lgmanager.bench.xml.XmlEditorBench.DOM;
import static io.github.lgmanager.bench.xml.XmlEditorBench.OURS;
import static io.github.lgmanager.bench.xml.XmlEditorBench.STAX;

import io.github.lgmanager.bench.Stats;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.testkit.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The start-time read as the qemu hook makes it: the first call in a fresh JVM with the hook's options, so class
 * loading and the interpreter are what is timed. Each run is a child JVM of this class's {@link #main}.
 */
public final class XmlColdRead {

    static final int RUNS = 30;
    /** bin/lg-qemu-hook's JVM options: the JVM that reads the definition before every Looking Glass VM starts. */
    private static final List<String> HOOK_JVM = List.of("-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");

    private XmlColdRead() {
    }

    /** The child: IMPLEMENTATION FILE; prints the first call's time in µs. */
    public static void main(String[] args) throws Exception {
        String xml = Files.readString(Path.of(args[1]));
        long t0 = System.nanoTime();
        Object result = switch (args[0]) {
            case OURS -> DomainXmlReader.definition(xml);
            case DOM -> DomDomainReader.definition(xml);
            default -> StaxDomainReader.definition(xml);
        };
        long t1 = System.nanoTime();
        XmlEditorBench.sink += Objects.hashCode(result);
        System.out.println((t1 - t0) / 1000.0);
    }

    static void run(List<String> enabled) throws IOException {
        Path dir = Files.createTempDirectory("lg-xml-bench");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < enabled.size(); i++) {
            files.add(Files.writeString(dir.resolve(i + ".xml"), enabled.get(i)));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> names = List.of(OURS, DOM, STAX);
        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> whole = new LinkedHashMap<>();
        names.forEach(n -> first.put(n, new ArrayList<>()));
        names.forEach(n -> whole.put(n, new ArrayList<>()));
        try {
            for (int run = 0; run < RUNS; run++) {
                for (String name : names) {
                    List<String> command = new ArrayList<>(List.of(java));
                    command.addAll(HOOK_JVM);
                    command.addAll(List.of("-cp", System.getProperty("java.class.path"), XmlColdRead.class.getName(),
                            name, files.get(run * 7 % files.size()).toString()));
                    long t0 = System.nanoTime();
                    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), command.toArray(String[]::new));
                    whole.get(name).add((System.nanoTime() - t0) / 1e6);
                    if (!r.ok()) {
                        throw new IllegalStateException("cold run of " + name + " failed: " + r.stderr().strip());
                    }
                    first.get(name).add(Double.parseDouble(r.stdout().strip()));
                }
            }
        } finally {
            for (Path f : files) {
                Files.delete(f);
            }
            Files.delete(dir);
        }
        System.out.println("## Start-time read in a fresh JVM (the qemu hook's case)\n\n" + RUNS + " JVMs per"
                + " implementation with bin/lg-qemu-hook's options (" + String.join(" ", HOOK_JVM) + "), each timing"
                + " its first DomainXmlReader.definition-equivalent call on one enabled corpus file (class loading"
                + " included, JVM start-up not), in µs; and, for scale, the whole child JVM from fork to exit, in ms.\n");
        List<List<String>> rows = new ArrayList<>();
        first.forEach((name, values) -> {
            List<String> row = new ArrayList<>(XmlEditorBench.row(name, Stats.of(values)));
            row.add(String.format(Locale.ROOT, "%.0f", Stats.of(whole.get(name)).median()));
            rows.add(row);
        });
        XmlEditorBench.table(List.of("implementation", "median µs", "p95 µs", "min µs", "JVMs", "whole JVM, median ms"),
                rows);
    }
}
