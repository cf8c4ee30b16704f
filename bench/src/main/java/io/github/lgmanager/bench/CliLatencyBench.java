// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 6: wall time of whole commands as a user types them, from the process's start to its exit. The commands
 * of one figure run in turns (each round runs every command once, starting with the next one each round), so that
 * whatever else the machine does at a time weighs on all of them alike. Needs no stack: run alone with
 * {@code LG_BENCH_ONLY=cli scripts/bench}, or {@link #main} directly.
 */
final class CliLatencyBench {
    static final int RUNS = 20;
    static final int WARM_UP_ROUNDS = 2;
    /** The target: {@code lg-admin size 4k} within this factor of {@code virsh} on the test driver. */
    static final double TARGET_FACTOR = 6;
    static final String SIZE = "`lg-admin size 4k`, with its class-data archive";
    static final String SIZE_WITHOUT_ARCHIVE = "`lg-admin size 4k`, without it (`LG_NO_CDS=1`)";
    static final String VIRSH = "`virsh -c test:///default list` (baseline)";
    static final String JVM = "`java -version` with lg-admin's JVM options (the JVM alone)";

    /** One command line and the environment it adds. */
    record Command(List<String> argv, Map<String, String> environment) {
        static Command of(String... argv) {
            return new Command(List.of(argv), Map.of());
        }
    }

    /**
     * The daemon-free commands: lg-admin with and without its archive beside virsh on the test driver; with
     * LG_BENCH_BEFORE_JAR set, also that jar (an older build) with the launcher options it shipped with.
     */
    static Map<String, Command> daemonFree(Path repo) {
        String admin = repo.resolve("bin/lg-admin").toString();
        Map<String, Command> commands = new LinkedHashMap<>();
        String before = System.getenv("LG_BENCH_BEFORE_JAR");
        if (before != null && !before.isBlank()) {
            commands.put("`lg-admin size 4k` before: " + System.getenv().getOrDefault("LG_BENCH_BEFORE_LABEL", before),
                    Command.of("java", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", before,
                            "size", "4k"));
        }
        commands.put(SIZE_WITHOUT_ARCHIVE, new Command(List.of(admin, "size", "4k"), Map.of("LG_NO_CDS", "1")));
        commands.put(SIZE, Command.of(admin, "size", "4k"));
        commands.put(VIRSH, Command.of("virsh", "-c", "test:///default", "list"));
        commands.put(JVM, Command.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-version"));
        return commands;
    }

    static Map<String, Stats> run(Map<String, Command> commands) throws Exception {
        List<String> names = new ArrayList<>(commands.keySet());
        for (int round = 0; round < WARM_UP_ROUNDS; round++) { // the page cache, and bin/lg-admin makes its archive
            for (String name : names) {
                time(commands.get(name));
            }
        }
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        names.forEach(name -> ms.put(name, new ArrayList<>()));
        for (int round = 0; round < RUNS; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                ms.get(name).add(time(commands.get(name)));
            }
        }
        Map<String, Stats> result = new LinkedHashMap<>();
        ms.forEach((name, values) -> {
            result.put(name, Stats.of(values));
            Bench.progress(Report.f("  %s: median %.0f ms, p90 %.0f ms", name, result.get(name).median(),
                    result.get(name).percentile(90)));
        });
        return result;
    }

    /** Figure 6's first table and verdict. */
    static void report(Report report, Map<String, Stats> daemonFree) {
        table(report, daemonFree, VIRSH);
        Stats virsh = daemonFree.get(VIRSH);
        double factor = daemonFree.get(SIZE).median() / virsh.median();
        report.section("", Report.target(factor <= TARGET_FACTOR, Report.f(
                "`lg-admin size 4k` median %.0f ms, %.1f× `virsh -c test:///default list` (%.0f ms); target ≤ %.0f×.",
                daemonFree.get(SIZE).median(), factor, virsh.median(), TARGET_FACTOR)));
    }

    /** One row per command: median, p90, min, max, runs, and the median as a multiple of the baseline's. */
    static void table(Report report, Map<String, Stats> commands, String baseline) {
        double base = commands.get(baseline).median();
        List<List<String>> rows = new ArrayList<>();
        commands.forEach((name, s) -> rows.add(List.of(name, Report.f("%.0f", s.median()),
                Report.f("%.0f", s.percentile(90)), Report.f("%.0f", s.min()), Report.f("%.0f", s.max()),
                Integer.toString(s.count()), Report.f("%.1f", s.median() / base))));
        report.rows(List.of("command", "median ms", "p90", "min", "max", "runs", "median × virsh"), rows);
    }

    /** What the first measurement led us to change; its figures are from that run, as stated. */
    static final String NOTES = """
            ### What made it faster

            On 28 Nov 2026 this figure was measured with the build before this change beside this one:
            `LG_BENCH_ONLY=cli LG_BENCH_BEFORE_JAR=JAR LG_BENCH_BEFORE_LABEL=LABEL scripts/bench`, JAR being the
            `lg-admin.jar` of main at 197f2f4 (with its `lib/` beside it), run with its launcher's options.
            `lg-admin size 4k` took a median of 353 ms before, 8.3× virsh's 42 ms, and 239 ms after (5.6×),
            281 ms (6.6×) without the archive. Other runs that day gave 5.4× to 6.3× for this change: above 6×
            while other builds shared the machine's 2 cores, which slows the JVM more than virsh. The JVM's
            class-loading log and a timed harness showed where the time went, and we:

            1. **Give picocli only the command the line names.** picocli reads every command it is given by
               reflection; `AdminMain` now adds only the one named (all of them for help, or when none is named).
            2. **Keep the backends out of what picocli reads.** A backend type in a signature of `AdminMain` or
               `Subcommand` loaded the backend package; backends now open only through `admin.Backends`, and
               `AdminClassLoadingIT` checks that `size`, `--help` and `size --help` load no libvirt, JNA, D-Bus or
               backend class.
            3. **Start java.util.logging only when a library may log.** lg-admin now hands dbus-java's lines to
               it (slf4j-jdk14) at WARNING, so no SLF4J or INFO line reaches the terminal; it configures that
               when a command opens a backend, not at start: java.util.logging's start-up costs 20 to 60 ms here.
            4. **No method handles spun at start-up.** String concatenation is compiled to StringBuilder calls in
               admin and core (`-XDstringConcat=inline`: each first concatenation shape spun method handles), and
               picocli's Groovy-closure lookup and its java.sql and java.time converters are switched off.
            5. **A class-data archive for lg-admin** (the row "with its class-data archive"), made where it runs,
               like lg-daemon's (figure 4); and the options of a short-lived command: C1 only, the serial
               collector, no perf-data file. `bin/lg-admin` no longer starts `readlink` and `dirname` to find
               its checkout (11 ms).

            What remains: the JVM alone (the `java -version` row) takes 2.4 times virsh's whole run on this machine;
            most of the rest is picocli reading its annotations, for which the JDK makes a proxy class per
            annotation type at run time (JDK 17 cannot archive those).
            """;

    static String description() {
        return Report.f("""
                Wall time of the whole command, from the process's start to its exit: %d runs of each after %d
                warm-up rounds, the commands taking turns (each round runs every command once, starting with the next
                one each round). `lg-admin` is `bin/lg-admin` (the options of the installed launcher); "without it"
                is the same with `LG_NO_CDS=1`, which leaves the JVM the JDK's own class-data archive. p90 is the
                nearest-rank percentile. Figure 6 alone (needs no stack): `LG_BENCH_ONLY=cli scripts/bench`.
                """, RUNS, WARM_UP_ROUNDS);
    }

    private static double time(Command command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(command.environment());
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command.argv()) + " failed or hung");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Figure 6 alone: prints its Markdown (docs/benchmarks.md keeps what scripts/bench writes). Args: REPO. */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Bench.progress("figure 6: command latency, " + RUNS + " runs each");
        Report report = new Report();
        report.section("6. Command latency", description());
        report(report, run(daemonFree(repo)));
        report.section("", NOTES);
        System.out.print(report.markdown());
    }

    private CliLatencyBench() {
    }
}
