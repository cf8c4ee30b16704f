// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 3);

    @Test
    void aViewerThatRanAWhileEndedNormallyAndIsNotRestarted() {
        assertInstanceOf(Backoff.Done.class, backoff.afterExit(Duration.ofMinutes(10), 1, 0));
        assertInstanceOf(Backoff.Done.class, backoff.afterExit(Duration.ofSeconds(1), 0, 0), "a quick but clean exit is the user's choice");
    }

    @Test
    void quickCrashesAreRetriedWithDoublingDelaysCappedThenGivenUp() {
        assertEquals(new Backoff.Retry(Duration.ofSeconds(2), 1), backoff.afterExit(Duration.ofMillis(300), 1, 0));
        assertEquals(new Backoff.Retry(Duration.ofSeconds(4), 2), backoff.afterExit(Duration.ofMillis(300), 1, 1));
        assertEquals(new Backoff.Retry(Duration.ofSeconds(8), 3), backoff.afterExit(Duration.ofMillis(300), 139, 2));
        assertEquals(new Backoff.GiveUp(4), backoff.afterExit(Duration.ofMillis(300), 1, 3));
    }

    @Test
    void theDelayNeverExceedsTheCap() {
        Backoff many = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), 100);
        assertEquals(new Backoff.Retry(Duration.ofSeconds(10), 50), many.afterExit(Duration.ZERO, 1, 49));
    }
}
