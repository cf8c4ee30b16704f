// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.Bytes.put32;
import static io.github.lgmanager.core.lgmp.Bytes.put64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveHostProbeTest {
    private final ByteBuffer memory = ByteBuffer.allocateDirect(8192);
    private final AtomicInteger sleeps = new AtomicInteger();

    private void lgmpHeader(int session, long timestamp) {
        put32(memory, 0, LgmpLayout.MAGIC);
        put32(memory, 4, 6);
        put32(memory, 8, session);
        put64(memory, 16, timestamp);
    }

    @Test
    void zeroedMemoryHasNoHostAndIsNotWatched() throws Exception {
        assertEquals(Optional.empty(), LiveHostProbe.runningHost(memory, d -> sleeps.incrementAndGet()));
        assertEquals(0, sleeps.get());
    }

    @Test
    void aHeartbeatThatMovesIsARunningHost() throws Exception {
        lgmpHeader(0x1111, 500);
        Optional<HeaderSample> running = LiveHostProbe.runningHost(memory, d -> {
            if (sleeps.incrementAndGet() == 3) {
                put64(memory, 16, 510);
            }
        });
        assertEquals(Optional.of(new HeaderSample(LgmpLayout.MAGIC, 6, 0x1111, 510)), running);
        assertEquals(3, sleeps.get(), "stops watching at the first move");
        assertEquals("the guest's own host application is running on this shared memory (LGMP 6, session 0x00001111,"
                + " heartbeat moving); stop it first", LiveHostProbe.refusal(running.get()));
    }

    @Test
    void aHostThatRestartedIsRunning() throws Exception {
        lgmpHeader(0x1111, 500);
        assertTrue(LiveHostProbe.runningHost(memory, d -> put32(memory, 8, 0x2222)).isPresent());
    }

    @Test
    void aHeaderStandingStillForLongerThanTheClientWaitsIsAStoppedHost() throws Exception {
        lgmpHeader(0x1111, 500);
        assertEquals(Optional.empty(), LiveHostProbe.runningHost(memory, d -> sleeps.incrementAndGet()));
        assertEquals(110, sleeps.get(), "1.1 s in 10 ms steps");
    }

    @Test
    void anOlderLgmpVersionStillCountsAsSomeoneElsesHost() throws Exception {
        lgmpHeader(0x1111, 500);
        put32(memory, 4, 5);
        assertTrue(LiveHostProbe.runningHost(memory, d -> put64(memory, 16, 501)).isPresent());
    }

    @Test
    void aHostThatWipedItsHeaderWhileWatchedIsNotRunning() throws Exception {
        lgmpHeader(0x1111, 500);
        assertEquals(Optional.empty(), LiveHostProbe.runningHost(memory, d -> {
            put32(memory, 0, 0);
            put64(memory, 16, 600 + sleeps.incrementAndGet());
        }));
    }
}
