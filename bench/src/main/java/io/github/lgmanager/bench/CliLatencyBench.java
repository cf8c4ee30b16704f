package io.github.lgmanager.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Figure 6: wall time of whole commands as a user types them, median of 10 after one warm-up run. */
final class CliLatencyBench {
    static final int RUNS = 10;

    static Map<String, Stats> run(Map<String, List<String>> commands) throws Exception {
        Map<String, Stats> result = new LinkedHashMap<>();
        for (var command : commands.entrySet()) {
            time(command.getValue()); // warm the page cache like a user's second run
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                ms.add(time(command.getValue()));
            }
            result.put(command.getKey(), Stats.of(ms));
            Bench.progress(String.format("  %s: median %.0f ms", command.getKey(), result.get(command.getKey()).median()));
        }
        return result;
    }

    private static double time(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed or hung");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private CliLatencyBench() {
    }
}
