// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Says on stderr what lg-admin is waiting for, once a step has taken longer than a second (a libvirt define takes
 * 6 to 8 s on some hosts, and silence reads as a hang). On a terminal the line ticks with the elapsed time and ends
 * with how long it took; elsewhere (logs, pipes) it is one line, printed once. Steps quicker than the threshold
 * print nothing, so scripts and quick commands see no change. Never on stdout: scripts parse that.
 */
public final class Progress implements AutoCloseable {
    static final long THRESHOLD_MILLIS = 1000;
    private static final long TICK_MILLIS = 200;

    private final PrintWriter err;
    private final boolean live;
    private final String waitingFor;
    private final long thresholdMillis;
    private final long startNanos = System.nanoTime();
    private final Thread reporter;
    private boolean done;
    private boolean shown;

    private Progress(PrintWriter err, boolean live, String waitingFor, long thresholdMillis) {
        this.err = err;
        this.live = live;
        this.waitingFor = waitingFor;
        this.thresholdMillis = thresholdMillis;
        this.reporter = new Thread(this::report, "lg-admin-progress");
        reporter.setDaemon(true);
    }

    /** Starts watching a step; {@code waitingFor} completes "waiting for ...", e.g. "lg-daemon to enable 'win11'". */
    public static Progress start(PrintWriter err, boolean live, String waitingFor) {
        return start(err, live, waitingFor, THRESHOLD_MILLIS);
    }

    static Progress start(PrintWriter err, boolean live, String waitingFor, long thresholdMillis) {
        Progress progress = new Progress(err, live, waitingFor, thresholdMillis);
        progress.reporter.start();
        return progress;
    }

    private void report() {
        try {
            Thread.sleep(thresholdMillis);
            while (true) {
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    if (live) {
                        err.print("\rlg-admin: waiting for " + waitingFor + " ... " + seconds());
                        err.flush();
                    } else if (!shown) {
                        err.println("lg-admin: waiting for " + waitingFor + " (this can take several seconds) ...");
                    }
                    shown = true;
                }
                if (!live) {
                    return;
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** Ends the step: on a terminal the ticking line is finished with the time taken. */
    @Override
    public void close() {
        synchronized (this) {
            done = true;
            if (shown && live) {
                err.println("\rlg-admin: waiting for " + waitingFor + " ... done in " + seconds());
            }
        }
        reporter.interrupt();
    }
}
