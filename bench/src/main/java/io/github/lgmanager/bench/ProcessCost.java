// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a process costs, from /proc: resident memory now, and CPU time used so far. */
record ProcessCost(long rssKiB, double cpuSeconds) {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcessCost of(long pid) throws IOException {
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may contain spaces) start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        return new ProcessCost(rss, cpu);
    }
}
