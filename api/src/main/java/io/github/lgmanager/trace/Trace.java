// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.trace;

/**
 * Timestamps for profiling the start → DisplayReady → viewer path (scripts/bench reads them; see
 * docs/benchmarks.md). Off unless the JVM runs with {@code -Dlgmanager.trace=true}; then each mark is one line on
 * standard error: {@code lgm-trace <nanos> <point> <subject>}.
 *
 * <p>The clock is {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC: the same clock in every process
 * on the machine, so marks from the daemon, the tray and the benchmark's own bus client can be subtracted.
 */
public final class Trace {
    private static final boolean ENABLED = Boolean.getBoolean("lgmanager.trace");

    private Trace() {
    }

    /** Marks that {@code point} was reached for {@code subject} (a VM's UUID or object path). */
    public static void mark(String point, String subject) {
        if (ENABLED) {
            long now = System.nanoTime();
            System.err.println("lgm-trace " + now + " " + point + " " + subject);
        }
    }

    /** Marks {@code point.kind}, e.g. daemon.libvirt-event.STARTED; the name is only built when tracing is on. */
    public static void mark(String point, Enum<?> kind, String subject) {
        if (ENABLED) {
            mark(point + "." + kind, subject);
        }
    }
}
