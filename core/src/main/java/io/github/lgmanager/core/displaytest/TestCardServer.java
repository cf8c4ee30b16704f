// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import io.github.lgmanager.core.lgmp.HeaderSample;
import io.github.lgmanager.core.lgmp.KvmfrFrameWriter;
import io.github.lgmanager.core.lgmp.KvmfrLayout;
import io.github.lgmanager.core.lgmp.KvmfrUserData;
import io.github.lgmanager.core.lgmp.LgmpException;
import io.github.lgmanager.core.lgmp.LgmpHost;
import io.github.lgmanager.core.lgmp.LgmpLayout;
import io.github.lgmanager.core.lgmp.LgmpMemory;
import io.github.lgmanager.core.lgmp.LgmpQueue;
import io.github.lgmanager.core.lgmp.LiveHostProbe;
import io.github.lgmanager.core.lgmp.PostOutcome;
import io.github.lgmanager.core.lgmp.Subscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A KVMFR host serving {@link TestCard} frames, set up as the B7 host sets itself up (frame queue of 2, pointer
 * queue of 20, one-second subscriber timeout, two page-aligned frame blocks used in turn). The caller keeps
 * time: {@link #heartbeat} about every 10 ms, {@link #serveFrame} at the frame rate, {@link #stop} at the end.
 */
public final class TestCardServer {
    public static final String OS_NAME = "lg-manager test card";
    private static final int MIB = 1 << 20;

    private final LgmpHost host;
    private final LgmpQueue frames;
    private final LgmpQueue pointer;
    private final LgmpMemory cursor;
    private final LgmpMemory[] blocks;
    private final KvmfrFrameWriter writer;
    private final int width;
    private final int height;
    private List<Subscriber> subscribers = List.of();
    private int nextBlock;
    private int serial = 1;
    private long served;
    private int subscriptionsSeen;

    private TestCardServer(LgmpHost host, LgmpQueue frames, LgmpQueue pointer, LgmpMemory cursor, LgmpMemory[] blocks,
            int width, int height) {
        this.host = host;
        this.frames = frames;
        this.pointer = pointer;
        this.cursor = cursor;
        this.blocks = blocks;
        this.writer = new KvmfrFrameWriter(host.memory());
        this.width = width;
        this.height = height;
    }

    /**
     * Takes the memory over, unless it is not Looking Glass memory (neither zero nor an LGMP header) or another host
     * is writing it now.
     */
    public static TestCardServer start(ByteBuffer memory, int width, int height, String hostVersion,
            LongSupplier clockMillis, RandomGenerator random, LiveHostProbe.Sleeper sleeper)
            throws LgmpException, InterruptedException {
        if (memory.capacity() < LgmpLayout.HEADER_BYTES) {
            throw new LgmpException("the shared memory has " + memory.capacity() + " bytes, less than the LGMP header's "
                    + LgmpLayout.HEADER_BYTES);
        }
        if (!emptyOrLgmp(memory)) {
            throw new LgmpException("the shared memory holds neither zeros nor an LGMP header: it is not Looking Glass"
                    + " memory, refusing to overwrite it");
        }
        Optional<HeaderSample> running = LiveHostProbe.runningHost(memory, sleeper);
        if (running.isPresent()) {
            throw new LgmpException(LiveHostProbe.refusal(running.get()));
        }
        long block = KvmfrFrameWriter.blockBytes(width, height);
        if (block > Integer.MAX_VALUE) {
            throw new LgmpException("a " + width + "x" + height + " test card is too large");
        }
        LgmpHost host = LgmpHost.start(memory, KvmfrUserData.of(hostVersion, KvmfrLayout.Record.OS_OTHER, OS_NAME),
                clockMillis, random);
        LgmpQueue frames = host.newQueue(KvmfrLayout.FRAME_QUEUE_ID, KvmfrLayout.FRAME_QUEUE_LENGTH,
                KvmfrLayout.SUBSCRIBER_TIMEOUT_MS);
        LgmpQueue pointer = host.newQueue(KvmfrLayout.POINTER_QUEUE_ID, KvmfrLayout.POINTER_QUEUE_LENGTH,
                KvmfrLayout.SUBSCRIBER_TIMEOUT_MS);
        LgmpMemory cursor = host.alloc(KvmfrLayout.Cursor.BYTES);
        memory.put(cursor.offset(), new byte[cursor.size()]);
        long left = host.memoryAvailable();
        LgmpMemory[] blocks = new LgmpMemory[KvmfrLayout.FRAME_QUEUE_LENGTH];
        try {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = host.allocAligned((int) block, KvmfrFrameWriter.PIXELS_AT);
            }
        } catch (LgmpException e) {
            host.stop();
            throw new CardTooLargeException(String.format("a %dx%d test card needs %d frames of %.1f MiB, but only %.1f MiB of"
                    + " the %d MiB shared memory are left after the header: choose a smaller size", width, height,
                    blocks.length, block / (double) MIB, left / (double) MIB, memory.capacity() / MIB));
        }
        return new TestCardServer(host, frames, pointer, cursor, blocks, width, height);
    }

    /**
     * The periodic work: heartbeat and message retirement, a hidden cursor for each new pointer subscriber (the
     * B7 host sends new clients the cursor's state), and what changed among the frame queue's subscribers since
     * the last call (a client that subscribed and left in between shows in {@link #subscriptionsSeen} only).
     */
    public List<SubscriberChange> heartbeat() throws LgmpException {
        host.process();
        if (host.takeNewSubscriptions(pointer) > 0) {
            // position (0, 0), not visible, no shape: the card has no cursor
            host.post(pointer, KvmfrLayout.Cursor.FLAG_POSITION, cursor);
        }
        // counted from the queue's own counter: a client that came and went between two looks is counted too
        subscriptionsSeen += host.takeNewSubscriptions(frames);
        List<Subscriber> now = host.subscribers(frames);
        List<SubscriberChange> changes = SubscriberChange.between(subscribers, now);
        subscribers = now;
        return changes;
    }

    /**
     * Posts the next frame when a client is subscribed and a slot is free (pixels written after the post, the way
     * the B7 host does); false when nothing was sent.
     */
    public boolean serveFrame() throws LgmpException {
        if (!host.hasSubscribers(frames) || host.pending(frames) >= KvmfrLayout.FRAME_QUEUE_LENGTH) {
            return false;
        }
        LgmpMemory block = blocks[nextBlock];
        byte[] pixels = TestCard.render(width, height, served);
        writer.writeHeader(block, width, height, serial);
        writer.prepare(block);
        if (host.post(frames, 0, block) != PostOutcome.POSTED) {
            return false;
        }
        writer.writePixels(block, pixels);
        serial++;
        served++;
        nextBlock = (nextBlock + 1) % blocks.length;
        return true;
    }

    /** Milliseconds of the monotonic clock, as LGMP's heartbeat counts them (CLOCK_MONOTONIC on Linux). */
    public static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** Whether, at the last heartbeat, a client was subscribed to frames and reading them (not timed out). */
    public boolean watched() {
        return subscribers.stream().anyMatch(s -> !s.timedOut());
    }

    /** Frames posted so far; frame N shows {@link TestCard#render}(width, height, N). */
    public long framesServed() {
        return served;
    }

    /** Clients that subscribed to frames since the start. */
    public int subscriptionsSeen() {
        return subscriptionsSeen;
    }

    public int sessionId() {
        return host.sessionId();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Leaves the memory as if no host had run (see {@link LgmpHost#stop}). */
    public void stop() {
        host.stop();
    }

    /**
     * An LGMP header, or a zero fixed header: a new file, or a host that stopped (ours zeroes it; a client
     * unsubscribing at that moment may write its queue record back, so only the first 32 bytes are asked).
     */
    private static boolean emptyOrLgmp(ByteBuffer memory) {
        if (HeaderSample.read(memory).isLgmp()) {
            return true;
        }
        for (int i = 0; i < LgmpLayout.QUEUES; i++) {
            if (memory.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The card does not fit the memory: a smaller size would. */
    public static final class CardTooLargeException extends LgmpException {
        private static final long serialVersionUID = 1L;

        CardTooLargeException(String message) {
            super(message);
        }
    }
}
