// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.displaytest;

import io.github.lgmanager.core.displaytest.SubscriberChange;
import io.github.lgmanager.core.displaytest.TestCardServer;
import io.github.lgmanager.core.lgmp.LgmpException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps time for a {@link TestCardServer}: the heartbeat every 10 ms (as the B7 host's timer), a frame at the
 * requested rate (skipped, not queued, while the client is behind), until asked to stop or out of time.
 */
public final class TestCardLoop {
    static final Duration HEARTBEAT = Duration.ofMillis(10);

    /**
     * How the run went: {@code watched} is the time a client was subscribed (frames are served only then);
     * {@code failure} when the host had to stop (e.g. the guest's host took the memory).
     */
    public record Summary(long frames, Duration elapsed, Duration watched, int subscriptions, Optional<String> failure) {
    }

    private TestCardLoop() {
    }

    public static Summary run(TestCardServer server, int fps, Optional<Duration> limit, BooleanSupplier stopRequested,
            Consumer<String> lines) {
        long start = System.nanoTime();
        long period = Duration.ofSeconds(1).toNanos() / fps;
        long beatPeriod = HEARTBEAT.toNanos();
        long end = limit.map(l -> start + l.toNanos()).orElse(Long.MAX_VALUE);
        long nextBeat = start;
        long nextFrame = start;
        long watched = 0;
        long previous = start;
        boolean watching = false;
        Optional<String> failure = Optional.empty();
        try {
            while (!stopRequested.getAsBoolean()) {
                long now = System.nanoTime();
                if (watching) {
                    watched += now - previous;
                }
                previous = now;
                if (now - end >= 0) {
                    break;
                }
                if (now - nextBeat >= 0) {
                    for (SubscriberChange change : server.heartbeat()) {
                        lines.accept(change.describe());
                    }
                    watching = server.watched();
                    nextBeat = following(nextBeat, beatPeriod, now);
                }
                if (now - nextFrame >= 0) {
                    server.serveFrame();
                    nextFrame = following(nextFrame, period, now);
                }
                long wake = Math.min(Math.min(nextBeat, nextFrame), end);
                LockSupport.parkNanos(Math.max(0, wake - System.nanoTime()));
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } catch (LgmpException e) {
            failure = Optional.of(e.getMessage());
        }
        return new Summary(server.framesServed(), Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(watched),
                server.subscriptionsSeen(), failure);
    }

    /** The next tick after {@code previous}; after a stall, one period from now rather than a burst to catch up. */
    static long following(long previous, long period, long now) {
        long next = previous + period;
        return next - now > 0 ? next : now + period;
    }
}
