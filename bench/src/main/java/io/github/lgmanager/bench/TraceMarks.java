// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code lgm-trace NANOS POINT SUBJECT} lines lg-daemon and lg-tray print with -Dlgmanager.trace=true
 * (io.github.lgmanager.trace.Trace). NANOS is CLOCK_MONOTONIC, the clock of our own System.nanoTime.
 */
record TraceMarks(List<Mark> marks) {
    record Mark(long nanos, String point, String subject) {
    }

    static TraceMarks parse(String log) {
        List<Mark> marks = new ArrayList<>();
        for (String line : log.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 4 && f[0].equals("lgm-trace")) {
                marks.add(new Mark(Long.parseLong(f[1]), f[2], f[3]));
            }
        }
        return new TraceMarks(marks);
    }

    /** When {@code point} was first reached for {@code subject} at or after {@code since}. */
    OptionalLong first(String point, String subject, long since) {
        return marks.stream().filter(m -> m.nanos >= since && m.point.equals(point) && m.subject.equals(subject))
                .mapToLong(Mark::nanos).findFirst();
    }

    /** Like {@link #first} for a point that must be there. */
    long require(String point, String subject, long since) {
        return first(point, subject, since).orElseThrow(() -> new IllegalStateException(
                "no trace mark " + point + " for " + subject + "; is -Dlgmanager.trace=true set?"));
    }
}
