// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a user sees on stderr while lg-admin waits; the threshold is shrunk so the tests do not wait a second. */
class ProgressTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);

    private String waitFor(Predicate<String> seen) throws InterruptedException {
        for (int i = 0; i < 500 && !seen.test(shown()); i++) {
            Thread.sleep(10);
        }
        return shown();
    }

    private String shown() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Test
    void aStepQuickerThanTheThresholdPrintsNothing() {
        try (Progress ignored = Progress.start(err, true, "lg-daemon to answer", 60_000)) {
            // the work is done at once
        }
        assertEquals("", shown());
    }

    @Test
    void elsewhereThanATerminalASlowStepIsOneLinePrintedOnce() throws Exception {
        try (Progress ignored = Progress.start(err, false, "lg-daemon to enable Looking Glass on 'win11'", 0)) {
            waitFor(s -> s.contains("\n"));
            Thread.sleep(300); // a live progress would have ticked by now
        }
        assertEquals("lg-admin: waiting for lg-daemon to enable Looking Glass on 'win11' (this can take several"
                + " seconds) ...\n", shown().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void onATerminalTheLineTicksAndEndsWithTheTimeTaken() throws Exception {
        try (Progress ignored = Progress.start(err, true, "libvirt to list the VMs", 0)) {
            waitFor(s -> s.chars().filter(c -> c == '\r').count() >= 2);
        }
        String[] updates = shown().split("\r");
        assertTrue(updates.length >= 3, shown());
        assertTrue(updates[1].matches("lg-admin: waiting for libvirt to list the VMs \\.\\.\\. \\d+\\.\\d s"), updates[1]);
        assertTrue(updates[updates.length - 1].matches(
                "lg-admin: waiting for libvirt to list the VMs \\.\\.\\. done in \\d+\\.\\d s\\R"), shown());
    }
}
