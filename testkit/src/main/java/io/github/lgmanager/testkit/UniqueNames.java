// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Names for VMs, files and users that cannot collide with a user's own or with another run's. */
public final class UniqueNames {
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private UniqueNames() {
    }

    /** What every name of this test run starts with, e.g. {@code lgmt-k3x9a-}. */
    public static String thisRun() {
        return "lgmt-" + RUN + "-";
    }

    /** e.g. {@code lgq35-k3x9a-1} for {@code lgq35-}: for a test whose VMs must carry a prefix of their own. */
    public static String next(String prefix) {
        return prefix + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** e.g. {@code lgmt-k3x9a-1}: short enough for a user name (32) and a VM name. */
    public static String next() {
        return "lgmt-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
