// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether another LGMP host (the guest's own host application) is writing this memory now: its heartbeat moves
 * at least every second while it runs (B7: every 10 ms), so an LGMP header is watched for a little longer than
 * the second after which the client itself gives up on a host.
 */
public final class LiveHostProbe {
    /** Just over the client's heartbeat timeout: what the client would still call running, we do too. */
    public static final Duration WINDOW = Duration.ofMillis(LgmpLayout.HEARTBEAT_TIMEOUT_MS + 100);
    public static final Duration STEP = Duration.ofMillis(10);

    /** Waits between samples; tests pass one that changes the memory instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private LiveHostProbe() {
    }

    /**
     * The sample that showed a running host, or empty: no LGMP header at all (returns at once), or one whose
     * heartbeat and session stayed still for {@link #WINDOW}.
     */
    public static Optional<HeaderSample> runningHost(ByteBuffer memory, Sleeper sleeper) throws InterruptedException {
        HeaderSample first = HeaderSample.read(memory);
        if (!first.isLgmp()) {
            return Optional.empty();
        }
        for (long waited = 0; waited < WINDOW.toMillis(); waited += STEP.toMillis()) {
            sleeper.sleep(STEP);
            HeaderSample later = HeaderSample.read(memory);
            if (first.hostRanUntil(later)) {
                return Optional.of(later);
            }
        }
        return Optional.empty();
    }

    /** The one line a user gets when the memory is taken. */
    public static String refusal(HeaderSample running) {
        return String.format("the guest's own host application is running on this shared memory (LGMP %d, session"
                + " 0x%08x, heartbeat moving); stop it first", running.version(), running.sessionId());
    }
}
