// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.LgmpLayout.Message;
import static io.github.lgmanager.core.lgmp.LgmpLayout.Queue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * An LGMP host over a buffer: writes the header, creates queues, hands out memory, posts messages, and in
 * {@link #process} beats the heartbeat and retires messages subscribers are done with or gave up on. Single
 * threaded on our side; clients in other processes change the shared fields concurrently, which is why those are
 * touched through {@link SharedWords} the way the C library touches them, and the queue fields "guarded by the
 * lock" only while holding it.
 */
public final class LgmpHost {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(1);

    private final SharedWords words;
    private final LongSupplier clockMillis;
    private final long lockWaitNanos;
    private final int sessionId;
    private final List<LgmpQueue> queues = new ArrayList<>();
    private int nextFree;
    private long available;

    private LgmpHost(SharedWords words, LongSupplier clockMillis, Duration lockWait, int sessionId, int nextFree) {
        this.words = words;
        this.clockMillis = clockMillis;
        this.lockWaitNanos = lockWait.toNanos();
        this.sessionId = sessionId;
        this.nextFree = nextFree;
        this.available = (long) words.capacity() - nextFree;
    }

    /**
     * Takes over the memory: a new session id (never the one there before, so clients notice the restart), the
     * header and the user data. Queues come next, then allocations.
     *
     * @param clockMillis a monotonic millisecond clock; clients compare the heartbeat only with itself
     */
    public static LgmpHost start(ByteBuffer memory, byte[] userData, LongSupplier clockMillis, RandomGenerator random)
            throws LgmpException {
        return start(memory, userData, clockMillis, random, LOCK_WAIT);
    }

    static LgmpHost start(ByteBuffer memory, byte[] userData, LongSupplier clockMillis, RandomGenerator random,
            Duration lockWait) throws LgmpException {
        long needed = (long) LgmpLayout.HEADER_BYTES + userData.length;
        if (memory.capacity() < needed) {
            throw new LgmpException("the shared memory has " + memory.capacity() + " bytes; the LGMP header and its "
                    + userData.length + " bytes of KVMFR data need " + needed);
        }
        SharedWords words = new SharedWords(memory);
        int previous = words.getInt(LgmpLayout.SESSION_ID_AT);
        int session = random.nextInt();
        while (session == previous) {
            session = random.nextInt();
        }
        words.putInt(LgmpLayout.SESSION_ID_AT, session);
        words.putInt(LgmpLayout.VERSION_AT, LgmpLayout.VERSION);
        words.putInt(LgmpLayout.NUM_QUEUES_AT, 0);
        words.putInt(LgmpLayout.UDATA_SIZE_AT, userData.length);
        words.putBytes(LgmpLayout.UDATA_AT, userData);
        words.setVolatileLong(LgmpLayout.TIMESTAMP_AT, clockMillis.getAsLong());
        // The C host writes the magic first; last, a client that finds it also finds the version and the data,
        // instead of warning about an incompatible host it saw half written.
        words.setVolatileInt(LgmpLayout.MAGIC_AT, LgmpLayout.MAGIC);
        return new LgmpHost(words, clockMillis, lockWait, session, align4(needed));
    }

    /**
     * Adds a queue of {@code length} messages in flight; a subscriber that keeps one longer than
     * {@code subscriberTimeoutMs} is marked timed out and skipped from then on.
     */
    public LgmpQueue newQueue(int queueId, int length, int subscriberTimeoutMs) throws LgmpException {
        if (queues.size() == LgmpLayout.MAX_QUEUES) {
            throw new LgmpException("LGMP allows " + LgmpLayout.MAX_QUEUES + " queues; queue " + queueId + " is one too many");
        }
        int numMessages = length + 1;
        int needed = Message.BYTES * numMessages;
        if (available < needed) {
            throw new LgmpException("queue " + queueId + " needs " + needed + " bytes of shared memory, " + available + " left");
        }
        int index = queues.size();
        int at = LgmpLayout.queueAt(index);
        words.putInt(at + Queue.QUEUE_ID, queueId);
        words.putInt(at + Queue.NUM_MESSAGES, numMessages);
        words.setVolatileInt(at + Queue.NEW_SUB_COUNT, 0);
        words.setVolatileInt(at + Queue.LOCK, 0);
        words.setVolatileLong(at + Queue.SUBS, 0);
        words.setVolatileInt(at + Queue.POSITION, 0);
        words.putInt(at + Queue.MESSAGES_OFFSET, nextFree);
        words.putInt(at + Queue.START, 0);
        words.setVolatileLong(at + Queue.MSG_TIMEOUT, 0);
        words.putInt(at + Queue.MAX_TIME, subscriberTimeoutMs);
        words.setVolatileInt(at + Queue.COUNT, 0);
        words.setVolatileInt(at + Queue.CLIENT_MSG_LOCK, 0);
        words.setVolatileInt(at + Queue.CLIENT_MSG_AVAIL, LgmpLayout.CLIENT_MESSAGES);
        words.setVolatileInt(at + Queue.CLIENT_MSG_WRITE_POS, 0);
        words.setVolatileInt(at + Queue.CLIENT_MSG_WRITE_SERIAL, 0);
        words.setVolatileInt(at + Queue.CLIENT_MSG_READ_SERIAL, 0);
        LgmpQueue queue = new LgmpQueue(index, queueId, numMessages, subscriberTimeoutMs, nextFree);
        queues.add(queue);
        nextFree += align4(needed);
        available -= align4(needed);
        // the count published last: a client that sees the queue sees it whole
        words.setVolatileInt(LgmpLayout.NUM_QUEUES_AT, queues.size());
        return queue;
    }

    /** {@code size} bytes at the next 4-byte boundary. Allocations are for good: there is no free. */
    public LgmpMemory alloc(int size) throws LgmpException {
        return allocAligned(size, 4);
    }

    /** {@code size} rounded up to {@code alignment}, starting at a multiple of it (a power of two). */
    public LgmpMemory allocAligned(int size, int alignment) throws LgmpException {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
        long rounded = roundUp(size, alignment);
        long start = roundUp(nextFree, alignment);
        long padding = start - nextFree;
        if (rounded + padding > available) {
            throw new LgmpException("the shared memory is full: " + rounded + " bytes asked (aligned to " + alignment
                    + "), " + Math.max(0, available - padding) + " left of " + words.capacity());
        }
        available -= padding + rounded;
        nextFree = (int) (start + rounded);
        return new LgmpMemory((int) start, (int) rounded);
    }

    /** Bytes not yet handed out. */
    public long memoryAvailable() {
        return available;
    }

    /**
     * The periodic work (the C host does it every 10 ms): the heartbeat clients watch, then for each queue the
     * messages at its head every live subscriber is done with are retired, and subscribers still holding one
     * after the queue's timeout are marked timed out so the queue cannot stall.
     *
     * @throws LgmpException when the header is no longer ours (wiped, or another host started on the memory)
     */
    public void process() throws LgmpException {
        int magic = words.volatileInt(LgmpLayout.MAGIC_AT);
        if (magic != LgmpLayout.MAGIC) {
            throw new LgmpException(String.format("the LGMP header was overwritten (magic 0x%08x, expected 0x%08x)",
                    magic, LgmpLayout.MAGIC));
        }
        int session = words.getInt(LgmpLayout.SESSION_ID_AT);
        if (session != sessionId) {
            throw new LgmpException(String.format("another host took over the shared memory (session 0x%08x replaced"
                    + " ours, 0x%08x)", session, sessionId));
        }
        long now = clockMillis.getAsLong();
        words.setVolatileLong(LgmpLayout.TIMESTAMP_AT, now);
        for (LgmpQueue queue : queues) {
            int at = queue.recordAt();
            lock(queue);
            try {
                if (words.volatileInt(at + Queue.COUNT) != 0) {
                    retireFinished(queue, now);
                }
            } finally {
                unlock(queue);
            }
        }
    }

    private void retireFinished(LgmpQueue queue, long now) {
        int at = queue.recordAt();
        long subs = words.volatileLong(at + Queue.SUBS);
        while (true) {
            int start = words.getInt(at + Queue.START);
            int message = queue.messageAt(start);
            int pending = words.volatileInt(message + Message.PENDING_SUBS) & SubscriberBits.subscribed(subs);
            int newlyTimedOut = pending & ~SubscriberBits.timedOut(subs);
            if (newlyTimedOut != 0 && now > words.volatileLong(at + Queue.MSG_TIMEOUT)) {
                subs |= Integer.toUnsignedLong(newlyTimedOut);
                long reusableAfter = now + words.getInt(at + Queue.MAX_TIME);
                for (int slot = 0; slot < 32; slot++) {
                    if ((newlyTimedOut & (1 << slot)) != 0) {
                        words.putLong(at + Queue.TIMEOUT + 8 * slot, reusableAfter);
                    }
                }
                words.setVolatileInt(message + Message.PENDING_SUBS, 0);
                pending = 0;
            }
            if ((pending & ~SubscriberBits.timedOut(subs)) != 0) {
                break;
            }
            words.putInt(at + Queue.START, start + 1 == queue.numMessages() ? 0 : start + 1);
            if (words.getAndAddInt(at + Queue.COUNT, -1) == 1) {
                break;
            }
            words.setVolatileLong(at + Queue.MSG_TIMEOUT, now + words.getInt(at + Queue.MAX_TIME));
        }
        words.setVolatileLong(at + Queue.SUBS, subs);
    }

    /**
     * Puts a message in the queue for every live subscriber: {@code udata} is the application's word (KVMFR: the
     * cursor flags), the payload is a block from {@link #alloc}.
     */
    public PostOutcome post(LgmpQueue queue, int udata, LgmpMemory payload) throws LgmpException {
        int at = queue.recordAt();
        lock(queue);
        try {
            long subs = words.volatileLong(at + Queue.SUBS);
            int pending = SubscriberBits.subscribed(subs) & ~SubscriberBits.timedOut(subs);
            if (pending == 0) {
                return PostOutcome.NO_SUBSCRIBERS;
            }
            if (words.volatileInt(at + Queue.COUNT) == queue.numMessages() - 1) {
                return PostOutcome.QUEUE_FULL;
            }
            int message = queue.messageAt(queue.position());
            words.putInt(message + Message.UDATA, udata);
            words.putInt(message + Message.SIZE, payload.size());
            words.putInt(message + Message.OFFSET, payload.offset());
            words.setVolatileInt(message + Message.PENDING_SUBS, pending);
            if (words.getAndAddInt(at + Queue.COUNT, 1) == 0) {
                words.setVolatileLong(at + Queue.MSG_TIMEOUT, clockMillis.getAsLong() + queue.maxTimeMs());
            }
            queue.advance();
            words.setVolatileInt(at + Queue.POSITION, queue.position());
            return PostOutcome.POSTED;
        } finally {
            unlock(queue);
        }
    }

    /** Whether anyone is subscribed, timed out or not (the C host stays busy while a timed-out slot lingers). */
    public boolean hasSubscribers(LgmpQueue queue) {
        return SubscriberBits.subscribed(words.volatileLong(queue.recordAt() + Queue.SUBS)) != 0;
    }

    /** Subscriptions made since the last call; reading resets the count, as in the C host. */
    public int takeNewSubscriptions(LgmpQueue queue) {
        return words.getAndSetInt(queue.recordAt() + Queue.NEW_SUB_COUNT, 0);
    }

    /** Messages posted and not yet retired. */
    public int pending(LgmpQueue queue) {
        return words.volatileInt(queue.recordAt() + Queue.COUNT);
    }

    /** The occupied subscriber slots, read under the queue's lock. */
    public List<Subscriber> subscribers(LgmpQueue queue) throws LgmpException {
        int at = queue.recordAt();
        lock(queue);
        try {
            long subs = words.volatileLong(at + Queue.SUBS);
            List<Subscriber> found = new ArrayList<>();
            for (int slot = 0; slot < 32; slot++) {
                int bit = 1 << slot;
                if ((SubscriberBits.subscribed(subs) & bit) != 0) {
                    found.add(new Subscriber(slot, words.getInt(at + Queue.CLIENT_ID + 4 * slot),
                            (SubscriberBits.timedOut(subs) & bit) != 0));
                }
            }
            return List.copyOf(found);
        } finally {
            unlock(queue);
        }
    }

    public int sessionId() {
        return sessionId;
    }

    /** The memory this host writes, for the frame and cursor writers. */
    public ByteBuffer memory() {
        return words.memory();
    }

    /**
     * Leaves the memory as if no host had run: the magic zeroed first (clients stop trusting the header), then
     * the rest of the header, queue records and user data, so readers such as lg-admin doctor see "no host
     * application has written here". Not done when another host took the memory over since. The C host leaves
     * its header as it was; its clients notice the heartbeat stopped after a second, ours at once.
     */
    public void stop() {
        if (words.getInt(LgmpLayout.SESSION_ID_AT) != sessionId) {
            return;
        }
        words.setVolatileInt(LgmpLayout.MAGIC_AT, 0);
        int end = LgmpLayout.UDATA_AT + words.getInt(LgmpLayout.UDATA_SIZE_AT);
        words.putBytes(4, new byte[end - 4]);
    }

    private void lock(LgmpQueue queue) throws LgmpException {
        int lock = queue.recordAt() + Queue.LOCK;
        long deadline = System.nanoTime() + lockWaitNanos;
        while (!words.compareAndSetInt(lock, 0, 1)) {
            if (System.nanoTime() - deadline > 0) {
                throw new LgmpException("the lock of queue " + queue.queueId() + " has been held for over "
                        + Duration.ofNanos(lockWaitNanos).toMillis() + " ms: a client stopped while holding it?"
                        + " Restart the client.");
            }
            Thread.onSpinWait();
        }
    }

    private void unlock(LgmpQueue queue) {
        words.setVolatileInt(queue.recordAt() + Queue.LOCK, 0);
    }

    private static int align4(long value) {
        return (int) roundUp(value, 4);
    }

    private static long roundUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
