// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import static io.github.lgmanager.core.lgmp.Bytes.ints;
import static io.github.lgmanager.core.lgmp.Bytes.put32;
import static io.github.lgmanager.core.lgmp.Bytes.put64;
import static io.github.lgmanager.core.lgmp.Bytes.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.displaytest.SubscriberChange.Kind;
import io.github.lgmanager.core.lgmp.Bytes;
import io.github.lgmanager.core.lgmp.LgmpException;
import io.github.lgmanager.core.lgmp.LgmpLayout;
import io.github.lgmanager.core.lgmp.SimulatedClient;
import io.github.lgmanager.core.lgmp.SimulatedClient.Message;
import io.github.lgmanager.core.lgmp.SimulatedClient.Status;
import io.github.lgmanager.core.lgmp.SimulatedClient.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The test card served through LGMP, read back the way the B7 client reads a frame. */
class TestCardServerTest {
    private static final int W = 64;
    private static final int H = 48;

    private final AtomicLong now = new AtomicLong(50_000);
    private final ByteBuffer memory = ByteBuffer.allocateDirect(1 << 20);

    private TestCardServer start() throws Exception {
        return TestCardServer.start(memory, W, H, "lg-manager test", now::get, ints(0x77), d -> now.addAndGet(10));
    }

    private SimulatedClient client(TestCardServer server, int id) throws LgmpException {
        SimulatedClient client = new SimulatedClient(memory, id, now::get);
        now.addAndGet(10);
        server.heartbeat();
        assertEquals(Status.OK, client.sessionInit());
        return client;
    }

    /** What the client's frame thread does with one message: the frame record, then the pixels its buffer covers. */
    private record ReadFrame(int serial, int type, int width, int height, int pitch, int messageOffset, byte[] pixels) {
    }

    private ReadFrame read(SimulatedClient client, Subscription sub) {
        Message[] got = new Message[1];
        assertEquals(Status.OK, client.process(sub, got));
        int frame = got[0].offset();
        int pitch = u32(memory, frame + 44);
        int height = u32(memory, frame + 24);
        int buffer = frame + u32(memory, frame + 48);
        int written = u32(memory, buffer);
        assertTrue(written >= pitch * height, "the write position covers the frame: " + written);
        byte[] pixels = Bytes.get(memory, buffer + 4, pitch * height);
        assertEquals(Status.OK, client.messageDone(sub));
        return new ReadFrame(u32(memory, frame + 4), u32(memory, frame + 8), u32(memory, frame + 28),
                u32(memory, frame + 32), pitch, frame, pixels);
    }

    @Test
    void aClientStartsASessionWithOurKvmfrHeaderAndReadsTheTestCard() throws Exception {
        TestCardServer server = start();
        SimulatedClient client = client(server, 0x99);
        byte[] udata = client.userData();
        assertEquals("KVMFR---", new String(udata, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(20, ByteBuffer.wrap(udata).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8));
        assertEquals("lg-manager test", new String(udata, 12, 15, StandardCharsets.US_ASCII));

        Subscription frames = client.subscribe(2);
        assertEquals(List.of(new SubscriberChange(Kind.SUBSCRIBED, 0x99)), server.heartbeat());
        assertTrue(server.serveFrame());
        ReadFrame frame = read(client, frames);
        assertEquals(new ReadFrame(1, 1, W, H, W * 4, frame.messageOffset(), frame.pixels()), frame);
        assertArrayEquals(TestCard.render(W, H, 0), frame.pixels());
        assertEquals(1, server.framesServed());
        assertEquals(1, server.subscriptionsSeen());
    }

    @Test
    void framesAreServedOnlyWhileSomeoneIsSubscribed() throws Exception {
        TestCardServer server = start();
        assertFalse(server.serveFrame());
        SimulatedClient client = client(server, 1);
        Subscription frames = client.subscribe(2);
        assertEquals(List.of(new SubscriberChange(Kind.SUBSCRIBED, 1)), server.heartbeat());
        assertTrue(server.serveFrame());
        read(client, frames);
        assertEquals(Status.OK, client.unsubscribe(frames));
        assertEquals(List.of(new SubscriberChange(Kind.UNSUBSCRIBED, 1)), server.heartbeat());
        assertFalse(server.serveFrame());
        assertEquals(1, server.framesServed());
    }

    @Test
    void aClientThatCameAndWentBetweenTwoHeartbeatsIsStillCounted() throws Exception {
        TestCardServer server = start();
        SimulatedClient client = client(server, 1);
        client.unsubscribe(client.subscribe(2));
        assertEquals(List.of(), server.heartbeat());
        assertEquals(1, server.subscriptionsSeen());
    }

    @Test
    void atMostTwoFramesAreInFlightInTwoPageAlignedBlocksUsedInTurn() throws Exception {
        TestCardServer server = start();
        SimulatedClient client = client(server, 1);
        Subscription frames = client.subscribe(2);
        assertTrue(server.serveFrame());
        assertTrue(server.serveFrame());
        assertFalse(server.serveFrame(), "the B7 frame queue holds two");
        ReadFrame first = read(client, frames);
        assertTrue(server.serveFrame());
        ReadFrame second = read(client, frames);
        ReadFrame third = read(client, frames);
        assertEquals(List.of(1, 2, 3), List.of(first.serial(), second.serial(), third.serial()));
        assertNotEquals(first.messageOffset(), second.messageOffset());
        assertEquals(first.messageOffset(), third.messageOffset());
        assertEquals(0, first.messageOffset() % 4096);
        assertEquals(0, second.messageOffset() % 4096);
        assertArrayEquals(TestCard.render(W, H, 2), third.pixels());
    }

    @Test
    void aNewPointerSubscriberGetsAHiddenCursorAtTheOrigin() throws Exception {
        TestCardServer server = start();
        SimulatedClient client = client(server, 1);
        Subscription pointer = client.subscribe(1);
        server.heartbeat();
        Message[] got = new Message[1];
        assertEquals(Status.OK, client.process(pointer, got));
        assertEquals(0x1, got[0].udata(), "position only: not visible, no shape");
        assertEquals(24, got[0].size());
        assertArrayEquals(new byte[24], Bytes.get(memory, got[0].offset(), 24));
    }

    @Test
    void theHeaderIsMarkedNotRunningAtTheEnd() throws Exception {
        TestCardServer server = start();
        server.stop();
        assertArrayEquals(new byte[LgmpLayout.HEADER_BYTES], Bytes.get(memory, 0, LgmpLayout.HEADER_BYTES));
    }

    @Test
    void theMemoryALaterRunFindsIsTakenAgainEvenIfAClientWroteItsQueueRecordBackAtTheEnd() throws Exception {
        TestCardServer first = start();
        SimulatedClient client = client(first, 1);
        Subscription frames = client.subscribe(2);
        first.stop();
        put32(memory, 32 + 420, 1);
        client.unsubscribe(frames);
        TestCardServer second = start();
        SimulatedClient next = client(second, 2);
        next.subscribe(2);
        assertTrue(second.serveFrame());
    }

    @Test
    void aHeaderLeftByAStoppedHostIsTakenOverWithANewSession() throws Exception {
        put32(memory, 0, LgmpLayout.MAGIC);
        put32(memory, 4, 6);
        put32(memory, 8, 0x77);
        put64(memory, 16, 1234);
        TestCardServer server = TestCardServer.start(memory, W, H, "v", now::get, ints(0x77, 0x78), d -> { });
        assertEquals(0x78, server.sessionId());
    }

    @Test
    void aRunningGuestHostIsLeftAlone() {
        put32(memory, 0, LgmpLayout.MAGIC);
        put32(memory, 4, 6);
        put32(memory, 8, 0x1234);
        byte[] before = Bytes.snapshot(memory);
        AtomicLong beat = new AtomicLong(1000);
        LgmpException e = assertThrows(LgmpException.class, () -> TestCardServer.start(memory, W, H, "v", now::get,
                ints(1), d -> {
                    put64(memory, 16, beat.addAndGet(10));
                    before[16] = memory.get(16);
                    before[17] = memory.get(17);
                }));
        assertEquals("the guest's own host application is running on this shared memory (LGMP 6, session 0x00001234,"
                + " heartbeat moving); stop it first", e.getMessage());
        assertArrayEquals(before, Bytes.snapshot(memory), "nothing but its own heartbeat changed");
    }

    @Test
    void memoryThatIsNotLookingGlassIsNotOverwritten() {
        memory.put(20, (byte) 1);
        LgmpException e = assertThrows(LgmpException.class, this::start);
        assertEquals("the shared memory holds neither zeros nor an LGMP header: it is not Looking Glass memory,"
                + " refusing to overwrite it", e.getMessage());
        assertEquals(0, u32(memory, 0));
    }

    @Test
    void aCardTooLargeForTheMemorySaysWhatItNeeds() {
        LgmpException e = assertThrows(LgmpException.class, () -> TestCardServer.start(memory, 1920, 1080, "v",
                now::get, ints(1), d -> { }));
        assertEquals("a 1920x1080 test card needs 2 frames of 7.9 MiB, but only 1.0 MiB of the 1 MiB shared memory"
                + " are left after the header: choose a smaller size", e.getMessage());
        assertEquals(0, u32(memory, 0), "the header is left marked as not running");
    }

    @Test
    void framesKeepComingWhileTheClientKeepsUp() throws Exception {
        TestCardServer server = start();
        SimulatedClient client = client(server, 1);
        Subscription frames = client.subscribe(2);
        for (int n = 0; n < 50; n++) {
            now.addAndGet(33);
            server.heartbeat();
            assertTrue(server.serveFrame());
            ReadFrame frame = read(client, frames);
            assertEquals(n + 1, frame.serial());
            assertTrue(Arrays.equals(TestCard.render(W, H, n), frame.pixels()), "frame " + n);
        }
    }
}
