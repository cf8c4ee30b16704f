// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.Bytes.changedRanges;
import static io.github.lgmanager.core.lgmp.Bytes.ints;
import static io.github.lgmanager.core.lgmp.Bytes.put32;
import static io.github.lgmanager.core.lgmp.Bytes.snapshot;
import static io.github.lgmanager.core.lgmp.Bytes.u32;
import static io.github.lgmanager.core.lgmp.Bytes.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.lgmp.SimulatedClient.Message;
import io.github.lgmanager.core.lgmp.SimulatedClient.Status;
import io.github.lgmanager.core.lgmp.SimulatedClient.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;


/**
 * The host as the B7 client library sees it: every expectation is read from the bytes (numeric offsets from
 * gcc's layout, see LgmpLayoutTest), and clients are {@link SimulatedClient}s working on the same memory.
 */
class LgmpHostTest extends LgmpHostFixture {
    @Test
    void startWritesExactlyTheHeaderFieldsAndTheUserData() throws Exception {
        Bytes.fill(memory, (byte) 0xEE);
        byte[] before = snapshot(memory);
        start();
        assertEquals(List.of("0-12", "16-28", "5752-5763"), changedRanges(before, snapshot(memory)));
        assertEquals("LGMP", new String(Bytes.get(memory, 0, 4), StandardCharsets.US_ASCII));
        assertEquals(6, u32(memory, 4));
        assertEquals(0x1234abcd, u32(memory, 8));
        assertEquals(10_000L, u64(memory, 16));
        assertEquals(0, u32(memory, 24));
        assertEquals(7, u32(memory, 5752));
        assertArrayEquals(UDATA, Bytes.get(memory, 5756, 7));
    }

    @Test
    void aClientThatWasWaitingStartsASessionAndGetsTheUserData() throws Exception {
        SimulatedClient client = new SimulatedClient(memory, 77, now::get);
        assertEquals(Status.INVALID_MAGIC, client.sessionInit());
        now.addAndGet(5);
        start();
        assertEquals(Status.OK, client.sessionInit());
        assertArrayEquals(UDATA, client.userData());
    }

    @Test
    void aClientThatArrivesAfterTheStartWaitsForTheHeartbeatToMove() throws Exception {
        LgmpHost host = start();
        SimulatedClient client = new SimulatedClient(memory, 77, now::get);
        assertEquals(Status.INVALID_SESSION, client.sessionInit());
        now.addAndGet(10);
        host.process();
        assertEquals(Status.OK, client.sessionInit());
    }

    @Test
    void theNewSessionIdIsNeverThePreviousOne() throws Exception {
        put32(memory, 8, 0x1234abcd);
        LgmpHost host = LgmpHost.start(memory, UDATA, now::get, ints(0x1234abcd, 0x55));
        assertEquals(0x55, host.sessionId());
        assertEquals(0x55, u32(memory, 8));
    }

    @Test
    void memorySmallerThanHeaderAndUserDataIsRefusedNamingBothSizes() {
        LgmpException e = assertThrows(LgmpException.class,
                () -> LgmpHost.start(ByteBuffer.allocateDirect(5766), UDATA, now::get, ints(1)));
        assertEquals("the shared memory has 5766 bytes; the LGMP header and its 7 bytes of KVMFR data need 5767",
                e.getMessage());
    }

    @Test
    void queuesAreRecordedWhereTheClientLooksThemUp() throws Exception {
        Bytes.fill(memory, (byte) 0xEE);
        LgmpHost host = start();
        host.newQueue(2, 2, 1000);
        host.newQueue(1, 20, 1000);
        assertEquals(2, u32(memory, 24));
        assertQueueRecord(Q0, 2, 3, 1000, FIRST_FREE);
        assertQueueRecord(Q1, 1, 21, 1000, FIRST_FREE + 3 * 16);
        assertEquals(memory.capacity() - (FIRST_FREE + 3 * 16 + 21 * 16), host.memoryAvailable());

        SimulatedClient client = connectedClient(host, 9);
        assertEquals(0, client.subscribe(2).slot());
        assertEquals(0, client.subscribe(1).slot());
        Status[] failure = new Status[1];
        assertNull(client.subscribe(3, failure));
        assertEquals(Status.NO_SUCH_QUEUE, failure[0]);
    }

    private void assertQueueRecord(int at, int queueId, int numMessages, int maxTime, int messagesOffset) {
        assertEquals(queueId, u32(memory, at));
        assertEquals(numMessages, u32(memory, at + 4));
        assertEquals(0, u32(memory, at + 8), "newSubCount");
        assertEquals(maxTime, u32(memory, at + 12));
        assertEquals(0, u32(memory, at + 16), "position");
        assertEquals(messagesOffset, u32(memory, at + 20));
        assertEquals(0, u32(memory, at + 408), "lock");
        assertEquals(0L, u64(memory, at + 416), "subs");
        assertEquals(0, u32(memory, at + 424), "start");
        assertEquals(0L, u64(memory, at + 432), "msgTimeout");
        assertEquals(0, u32(memory, at + 440), "count");
        assertEquals(0, u32(memory, at + 444), "cMsgLock");
        assertEquals(10, u32(memory, at + 448), "cMsgAvail");
        assertEquals(0, u32(memory, at + 452), "cMsgWPos");
        assertEquals(0, u32(memory, at + 456), "cMsgWSerial");
        assertEquals(0, u32(memory, at + 460), "cMsgRSerial");
    }

    @Test
    void aSixthQueueIsRefused() throws Exception {
        LgmpHost host = start();
        for (int id = 1; id <= 5; id++) {
            host.newQueue(id, 1, 1000);
        }
        LgmpException e = assertThrows(LgmpException.class, () -> host.newQueue(6, 1, 1000));
        assertEquals("LGMP allows 5 queues; queue 6 is one too many", e.getMessage());
    }

    @Test
    void allocationsFollowOneAnotherAlignedAndNeverOverlap() throws Exception {
        LgmpHost host = start();
        long before = host.memoryAvailable();
        assertEquals(new LgmpMemory(FIRST_FREE, 24), host.alloc(24));
        assertEquals(new LgmpMemory(FIRST_FREE + 24, 8), host.alloc(5));
        assertEquals(new LgmpMemory(8192, 8192), host.allocAligned(5000, 4096));
        assertEquals(before - (16384 - FIRST_FREE), host.memoryAvailable());
        assertThrows(IllegalArgumentException.class, () -> host.allocAligned(8, 3));
        LgmpException e = assertThrows(LgmpException.class, () -> host.allocAligned(1 << 20, 4096));
        assertEquals("the shared memory is full: 1048576 bytes asked (aligned to 4096), 1032192 left of 1048576",
                e.getMessage());
        assertEquals(new LgmpMemory(16384, 1032192), host.allocAligned(1032192, 4096));
        assertEquals(0, host.memoryAvailable());
    }

    @Test
    void postingWithoutSubscribersWritesNothing() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(64);
        byte[] before = snapshot(memory);
        assertEquals(PostOutcome.NO_SUBSCRIBERS, host.post(queue, 5, payload));
        assertEquals(List.of(), changedRanges(before, snapshot(memory)));
    }

    @Test
    void aSubscriberReceivesThePostedMessageAndRetiresItWhenDone() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(64);
        SimulatedClient client = connectedClient(host, 0x2a);
        Subscription sub = client.subscribe(2);
        assertTrue(host.hasSubscribers(queue));
        assertEquals(List.of(new Subscriber(0, 0x2a, false)), host.subscribers(queue));
        assertEquals(1, host.takeNewSubscriptions(queue));
        assertEquals(0, host.takeNewSubscriptions(queue));

        assertEquals(PostOutcome.POSTED, host.post(queue, 7, payload));
        int slot0 = FIRST_FREE;
        assertEquals(7, u32(memory, slot0));
        assertEquals(64, u32(memory, slot0 + 4));
        assertEquals(payload.offset(), u32(memory, slot0 + 8));
        assertEquals(0b1, u32(memory, slot0 + 12), "pending for slot 0");
        assertEquals(1, u32(memory, Q0 + 440), "count");
        assertEquals(1, u32(memory, Q0 + 16), "position");
        assertEquals(now.get() + 1000, u64(memory, Q0 + 432), "msgTimeout");

        Message[] got = new Message[1];
        assertEquals(Status.OK, client.process(sub, got));
        assertEquals(new Message(7, 64, payload.offset()), got[0]);
        assertEquals(Status.OK, client.messageDone(sub));
        assertEquals(0, u32(memory, slot0 + 12));
        assertEquals(0, u32(memory, Q0 + 440), "count");
        assertEquals(1, u32(memory, Q0 + 424), "start");
        assertEquals(0, host.pending(queue));
        assertEquals(Status.QUEUE_EMPTY, client.process(sub, got));
    }

    @Test
    void aMessageStaysUntilEverySubscriberIsDone() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient first = connectedClient(host, 1);
        SimulatedClient second = connectedClient(host, 2);
        Subscription a = first.subscribe(2);
        Subscription b = second.subscribe(2);
        host.post(queue, 0, payload);
        assertEquals(0b11, u32(memory, FIRST_FREE + 12));
        first.messageDone(a);
        assertEquals(1, host.pending(queue));
        second.messageDone(b);
        assertEquals(0, host.pending(queue));
    }

    @Test
    void theLastSlotOfTheRingIsNeverFilled() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient client = connectedClient(host, 1);
        Subscription sub = client.subscribe(2);
        assertEquals(PostOutcome.POSTED, host.post(queue, 1, payload));
        assertEquals(PostOutcome.POSTED, host.post(queue, 2, payload));
        assertEquals(PostOutcome.QUEUE_FULL, host.post(queue, 3, payload));
        client.messageDone(sub);
        assertEquals(PostOutcome.POSTED, host.post(queue, 3, payload));
        assertEquals(0, u32(memory, Q0 + 16), "the position wrapped to slot 0");
        Message[] got = new Message[1];
        client.process(sub, got);
        assertEquals(2, got[0].udata());
        client.messageDone(sub);
        client.process(sub, got);
        assertEquals(3, got[0].udata());
    }

    @Test
    void processWritesTheHeartbeat() throws Exception {
        LgmpHost host = start();
        now.set(123_456_789L);
        host.process();
        assertEquals(123_456_789L, u64(memory, 16));
    }

    @Test
    void aSubscriberHoldingAMessagePastTheQueueTimeoutIsMarkedTimedOutAndTheMessageRetired() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient client = connectedClient(host, 0x33);
        Subscription sub = client.subscribe(2);
        host.post(queue, 0, payload);
        long posted = now.get();

        now.set(posted + 1000);
        host.process();
        assertEquals(1, host.pending(queue), "exactly at the timeout the subscriber still has it");

        now.set(posted + 1001);
        host.process();
        assertEquals(0, host.pending(queue));
        assertEquals((1L << 32) | 1L, u64(memory, Q0 + 416), "subscribed and timed out");
        assertEquals(posted + 1001 + 1000, u64(memory, Q0 + 24), "slot 0 reusable after");
        assertEquals(0, u32(memory, FIRST_FREE + 12));
        assertEquals(List.of(new Subscriber(0, 0x33, true)), host.subscribers(queue));
        assertEquals(Status.QUEUE_TIMEOUT, client.process(sub, new Message[1]));
        assertTrue(host.hasSubscribers(queue));
        assertEquals(PostOutcome.NO_SUBSCRIBERS, host.post(queue, 0, payload));
    }

    @Test
    void aTimedOutSlotIsReusedOnlyAfterItsTimeout() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient stuck = connectedClient(host, 0x33);
        stuck.subscribe(2);
        host.post(queue, 0, payload);
        now.addAndGet(1001);
        host.process();

        SimulatedClient early = connectedClient(host, 0x44);
        assertEquals(1, early.subscribe(2).slot(), "slot 0 is still reserved");
        now.addAndGet(1001);
        host.process();
        SimulatedClient late = connectedClient(host, 0x55);
        assertEquals(0, late.subscribe(2).slot());
        assertEquals(List.of(new Subscriber(0, 0x55, false), new Subscriber(1, 0x44, false)), host.subscribers(queue));
    }

    @Test
    void theHostRetiresAMessageWhoseLastReaderFoundTheLockTaken() throws Exception {
        LgmpHost host = start();
        LgmpQueue queue = host.newQueue(2, 2, 1000);
        LgmpMemory payload = host.alloc(4);
        SimulatedClient client = connectedClient(host, 1);
        Subscription sub = client.subscribe(2);
        host.post(queue, 0, payload);
        put32(memory, Q0 + 408, 1);
        assertEquals(Status.OK, client.messageDone(sub));
        assertEquals(1, host.pending(queue), "the client could not take the lock");
        put32(memory, Q0 + 408, 0);
        host.process();
        assertEquals(0, host.pending(queue));
        assertEquals(1, u32(memory, Q0 + 424), "start");
    }
}
