// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.Bytes.ints;
import static io.github.lgmanager.core.lgmp.Bytes.put32;
import static io.github.lgmanager.core.lgmp.Bytes.snapshot;
import static io.github.lgmanager.core.lgmp.Bytes.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.lgmp.SimulatedClient.Message;
import io.github.lgmanager.core.lgmp.SimulatedClient.Status;
import io.github.lgmanager.core.lgmp.SimulatedClient.Subscription;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;


/** The host's end: a stuck lock, a wiped or taken-over header, stop, and a reader on another thread. */
class LgmpHostLifetimeTest extends LgmpHostFixture {
    @Test
    void aLockNeverReleasedStopsTheHostWithAWayOut() throws Exception {
        LgmpHost host = LgmpHost.start(memory, UDATA, now::get, ints(1), Duration.ofMillis(20));
        host.newQueue(2, 2, 1000);
        put32(memory, Q0 + 408, 1);
        LgmpException e = assertThrows(LgmpException.class, host::process);
        assertEquals("the lock of queue 2 has been held for over 20 ms: a client stopped while holding it? Restart"
                + " the client.", e.getMessage());
    }

    @Test
    void processStopsWhenTheHeaderWasWiped() throws Exception {
        LgmpHost host = start();
        put32(memory, 0, 0);
        LgmpException e = assertThrows(LgmpException.class, host::process);
        assertEquals("the LGMP header was overwritten (magic 0x00000000, expected 0x504d474c)", e.getMessage());
    }

    @Test
    void processStopsWhenAnotherHostTookTheMemoryOver() throws Exception {
        LgmpHost host = start();
        put32(memory, 8, 0x0badf00d);
        LgmpException e = assertThrows(LgmpException.class, host::process);
        assertEquals("another host took over the shared memory (session 0x0badf00d replaced ours, 0x1234abcd)",
                e.getMessage());
    }

    @Test
    void stopZeroesTheHeaderQueuesAndUserDataMagicFirst() throws Exception {
        Bytes.fill(memory, (byte) 0xEE);
        LgmpHost host = start();
        host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(8);
        byte[] before = snapshot(memory);
        host.stop();
        assertArrayEquals(new byte[5763], Bytes.get(memory, 0, 5763));
        byte[] after = snapshot(memory);
        assertArrayEquals(Arrays.copyOfRange(before, 5763, before.length), Arrays.copyOfRange(after, 5763, after.length),
                "the message rings and allocations are left as they were");
        assertEquals((byte) 0xEE, memory.get(payload.offset()));
        assertEquals(Status.INVALID_MAGIC, new SimulatedClient(memory, 1, now::get).sessionInit());
    }

    @Test
    void aClientInTheMiddleOfASessionSeesItEndAtStop() throws Exception {
        LgmpHost host = start();
        host.newQueue(2, 2, 1000);
        SimulatedClient client = connectedClient(host, 1);
        Subscription sub = client.subscribe(2);
        host.stop();
        assertEquals(Status.INVALID_SESSION, client.process(sub, new Message[1]));
        assertFalse(client.sessionValid());
    }

    @Test
    void stopLeavesAloneAHeaderAnotherHostNowOwns() throws Exception {
        LgmpHost host = start();
        put32(memory, 8, 0x0badf00d);
        host.stop();
        assertEquals(LgmpLayout.MAGIC, u32(memory, 0));
    }

    @Test
    void aClientReadingInAnotherThreadGetsEveryMessageInOrder() throws Exception {
        LgmpHost host = LgmpHost.start(memory, UDATA, () -> System.nanoTime() / 1_000_000, ints(1));
        LgmpQueue queue = host.newQueue(2, 2, 60_000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient client = new SimulatedClient(memory, 5, () -> System.nanoTime() / 1_000_000);
        Thread.sleep(2);
        host.process();
        assertEquals(Status.OK, client.sessionInit());
        Subscription sub = client.subscribe(2);
        int messages = 5000;
        int[] received = new int[messages];
        Thread reader = new Thread(() -> {
            Message[] got = new Message[1];
            int n = 0;
            while (n < messages) {
                if (client.process(sub, got) == Status.OK) {
                    received[n++] = got[0].udata();
                    client.messageDone(sub);
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < messages; ) {
            host.process();
            if (host.post(queue, i, payload) == PostOutcome.POSTED) {
                i++;
            }
            assertTrue(System.nanoTime() < deadline, "stuck after " + i + " messages");
        }
        reader.join(Duration.ofSeconds(60).toMillis());
        assertFalse(reader.isAlive());
        for (int i = 0; i < messages; i++) {
            assertEquals(i, received[i]);
        }
    }
}
