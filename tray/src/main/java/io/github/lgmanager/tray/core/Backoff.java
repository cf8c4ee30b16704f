// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import java.time.Duration;

/**
 * What to do after a viewer exits by itself. A viewer that dies within {@code quickExit} of its start with an
 * error crashed at start (wrong version, no host application yet, no GPU): try again after a delay that doubles,
 * and after {@code maxRetries} give up and tell the user, instead of a loop of windows flashing up.
 */
public record Backoff(Duration quickExit, Duration firstDelay, Duration maxDelay, int maxRetries) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(60), 4);

    public sealed interface Decision {
    }

    /** It ran, and the user (or the guest) ended it: nothing to do. */
    public record Done() implements Decision {
    }

    public record Retry(Duration after, int attempt) implements Decision {
    }

    public record GiveUp(int crashes) implements Decision {
    }

    /**
     * @param ranFor               how long it ran
     * @param exitCode             its exit status
     * @param crashesBefore        quick crashes in a row before this one
     */
    public Decision afterExit(Duration ranFor, int exitCode, int crashesBefore) {
        boolean crashed = exitCode != 0 && ranFor.compareTo(quickExit) < 0;
        if (!crashed) {
            return new Done();
        }
        int crashes = crashesBefore + 1;
        if (crashes > maxRetries) {
            return new GiveUp(crashes);
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(crashes - 1, 20));
        return new Retry(delay.compareTo(maxDelay) > 0 ? maxDelay : delay, crashes);
    }
}
