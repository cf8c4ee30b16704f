// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/benchmarks.md: machine, versions, how to reproduce, and every figure with its target. */
final class Report {
    private final StringBuilder md = new StringBuilder();

    Report(Map<String, String> machine) {
        md.append("# Benchmarks\n\n")
                .append("Written by `scripts/bench` on ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(". Reproduce on a machine of our kind, as root: `scripts/test` (it installs and starts the stack),")
                .append(" then `scripts/bench`. Times are wall-clock milliseconds from one clock (`System.nanoTime`)")
                .append(" in one bus client; p95 is the nearest-rank percentile.\n\n| machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
    }

    /** A fragment without the document's header: one figure printed alone. */
    Report() {
    }

    String markdown() {
        return md.toString();
    }

    /** A section; with an empty title, only the text (a verdict under the previous table). */
    void section(String title, String text) {
        if (!title.isEmpty()) {
            md.append("## ").append(title).append("\n\n");
        }
        md.append(text.strip()).append("\n\n");
    }

    void table(Map<String, Stats> rows, String format, String unit) {
        md.append("| measurement | min ").append(unit).append(" | median | p95 | max | runs |\n|---|---|---|---|---|---|\n");
        rows.forEach((name, stats) -> md.append("| ").append(name).append(" | ").append(stats.row(format)).append(" |\n"));
        md.append('\n');
    }

    void rows(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    static String target(boolean met, String text) {
        return (met ? "**Target met**: " : "**Target missed**: ") + text;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    void write(Path file) throws IOException {
        Files.writeString(file, md.toString());
    }
}
