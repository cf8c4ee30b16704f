// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongSupplier;

/**
 * The B7 client library's side of LGMP, acted out on the same bytes: every read and write a real client makes
 * (offsets spelled out here as numbers, independently of {@link LgmpLayout}), with its atomics, so a test sees
 * the host exactly as a client would. Written from the protocol's description, in our own words.
 */
public final class SimulatedClient {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEARTBEAT_TIMEOUT_MS = 1000;

    public enum Status {
        OK, INVALID_MAGIC, INVALID_VERSION, INVALID_SESSION, NO_SUCH_QUEUE, QUEUE_FULL, QUEUE_EMPTY, QUEUE_TIMEOUT,
        QUEUE_UNSUBSCRIBED, CORRUPTED
    }

    /** A message as lgmpClientProcess hands it over. */
    public record Message(int udata, int size, int offset) {
    }

    /** One subscription: the queue record, the slot the client took and its read position. */
    public static final class Subscription {
        final int record;
        final int slot;
        int position;

        Subscription(int record, int slot, int position) {
            this.record = record;
            this.slot = slot;
            this.position = position;
        }

        public int slot() {
            return slot;
        }
    }

    private final ByteBuffer memory;
    private final int id;
    private final LongSupplier clock;
    private int sessionId;
    private long hostTime;
    private long lastHeartbeat;

    /** lgmpClientInit: remembers the heartbeat now, so a session needs it to move first. */
    public SimulatedClient(ByteBuffer memory, int id, LongSupplier clock) {
        this.memory = memory;
        this.id = id;
        this.clock = clock;
        this.hostTime = (long) LONG.getVolatile(memory, 16);
    }

    public int id() {
        return id;
    }

    /** lgmpClientSessionInit. */
    public Status sessionInit() {
        if (i32(0) != 0x504d474c) {
            return Status.INVALID_MAGIC;
        }
        if (i32(4) != 6) {
            return Status.INVALID_VERSION;
        }
        long timestamp = (long) LONG.getVolatile(memory, 16);
        if (timestamp == hostTime) {
            return Status.INVALID_SESSION;
        }
        sessionId = i32(8);
        hostTime = timestamp;
        lastHeartbeat = clock.getAsLong();
        return Status.OK;
    }

    /** The user data (the KVMFR header and records) as the session hands it out. */
    public byte[] userData() {
        byte[] data = new byte[i32(5752)];
        memory.get(5756, data);
        return data;
    }

    /** lgmpClientSessionValid: same session, and a heartbeat seen within the last second of our clock. */
    public boolean sessionValid() {
        if (sessionId != i32(8)) {
            return false;
        }
        long timestamp = (long) LONG.getVolatile(memory, 16);
        long now = clock.getAsLong();
        if (timestamp != hostTime) {
            hostTime = timestamp;
            lastHeartbeat = now;
            return true;
        }
        return now - lastHeartbeat <= HEARTBEAT_TIMEOUT_MS;
    }

    /** lgmpClientSubscribe: null with the status in {@code failure[0]} when it fails. */
    public Subscription subscribe(int queueId, Status[] failure) {
        int numQueues = i32(24);
        int record = -1;
        for (int i = 0; i < numQueues; i++) {
            if (i32(32 + i * 1144) == queueId) {
                record = 32 + i * 1144;
                break;
            }
        }
        if (record < 0) {
            failure[0] = Status.NO_SUCH_QUEUE;
            return null;
        }
        lock(record + 408);
        try {
            long subs = (long) LONG.getVolatile(memory, record + 416);
            if ((subs >>> 32) != 0) {
                long hostNow = (long) LONG.getVolatile(memory, 16);
                int reap = 0;
                for (int slot = 0; slot < 32; slot++) {
                    int bit = 1 << slot;
                    if (((int) subs & bit) != 0 && hostNow > i64(record + 24 + 8 * slot)) {
                        reap |= bit;
                        put64(record + 24 + 8 * slot, 0);
                        put32(record + 280 + 4 * slot, 0);
                    }
                }
                subs &= ~(Integer.toUnsignedLong(reap) | (Integer.toUnsignedLong(reap) << 32));
            }
            int slot = 0;
            int used = (int) (subs >>> 32) | (int) subs;
            while (slot < 32 && (used & (1 << slot)) != 0) {
                slot++;
            }
            if (slot == 32) {
                failure[0] = Status.QUEUE_FULL;
                return null;
            }
            put64(record + 24 + 8 * slot, 0);
            put32(record + 280 + 4 * slot, id);
            subs |= 1L << (32 + slot);
            LONG.setVolatile(memory, record + 416, subs);
            INT.getAndAdd(memory, record + 8, 1);
            return new Subscription(record, slot, (int) INT.getVolatile(memory, record + 16));
        } finally {
            INT.setVolatile(memory, record + 408, 0);
        }
    }

    public Subscription subscribe(int queueId) {
        Status[] failure = new Status[1];
        Subscription s = subscribe(queueId, failure);
        if (s == null) {
            throw new AssertionError("subscribe to queue " + queueId + " failed: " + failure[0]);
        }
        return s;
    }

    /** lgmpClientUnsubscribe. */
    public Status unsubscribe(Subscription s) {
        int bit = 1 << s.slot;
        lock(s.record + 408);
        try {
            long subs = (long) LONG.getVolatile(memory, s.record + 416);
            if (((int) subs & bit) != 0) {
                return Status.QUEUE_TIMEOUT;
            }
            subs &= ~(Integer.toUnsignedLong(bit) | (Integer.toUnsignedLong(bit) << 32));
            LONG.setVolatile(memory, s.record + 416, subs);
            put64(s.record + 24 + 8 * s.slot, 0);
            put32(s.record + 280 + 4 * s.slot, 0);
            return Status.OK;
        } finally {
            INT.setVolatile(memory, s.record + 408, 0);
        }
    }

    /** lgmpClientProcess: the message at our read position, without consuming it. */
    public Status process(Subscription s, Message[] out) {
        Status state = subscriptionState(s);
        if (state != Status.OK) {
            return state;
        }
        if ((int) INT.getVolatile(memory, s.record + 16) == s.position) {
            return Status.QUEUE_EMPTY;
        }
        int message = i32(s.record + 20) + 16 * s.position;
        out[0] = new Message(i32(message), i32(message + 4), i32(message + 8));
        return Status.OK;
    }

    /** lgmpClientMessageDone: our pending bit off; the last one out retires the message if the lock is free. */
    public Status messageDone(Subscription s) {
        Status state = subscriptionState(s);
        if (state != Status.OK) {
            return state;
        }
        if ((int) INT.getVolatile(memory, s.record + 16) == s.position) {
            return Status.QUEUE_EMPTY;
        }
        int bit = 1 << s.slot;
        int numMessages = i32(s.record + 4);
        int message = i32(s.record + 20) + 16 * s.position;
        int before = (int) INT.getAndBitwiseAnd(memory, message + 12, ~bit);
        if ((before & ~bit) == 0 && INT.compareAndSet(memory, s.record + 408, 0, 1)) {
            if (i32(s.record + 424) == s.position) {
                put32(s.record + 424, s.position + 1 == numMessages ? 0 : s.position + 1);
                int count = (int) INT.getAndAdd(memory, s.record + 440, -1);
                if (count == 0) {
                    INT.setVolatile(memory, s.record + 440, 0);
                    INT.setVolatile(memory, s.record + 408, 0);
                    return Status.CORRUPTED;
                }
                LONG.setVolatile(memory, s.record + 432, (long) LONG.getVolatile(memory, 16) + i32(s.record + 12));
            }
            INT.setVolatile(memory, s.record + 408, 0);
        }
        s.position = s.position + 1 == numMessages ? 0 : s.position + 1;
        return Status.OK;
    }

    private Status subscriptionState(Subscription s) {
        int bit = 1 << s.slot;
        long subs = (long) LONG.getVolatile(memory, s.record + 416);
        if (((int) subs & bit) != 0) {
            return Status.QUEUE_TIMEOUT;
        }
        if (((int) (subs >>> 32) & bit) == 0) {
            return sessionValid() ? Status.QUEUE_UNSUBSCRIBED : Status.INVALID_SESSION;
        }
        return Status.OK;
    }

    private void lock(int at) {
        while (!INT.compareAndSet(memory, at, 0, 1)) {
            Thread.onSpinWait();
        }
    }

    private int i32(int at) {
        return (int) INT.get(memory, at);
    }

    private long i64(int at) {
        return (long) LONG.get(memory, at);
    }

    private void put32(int at, int value) {
        INT.set(memory, at, value);
    }

    private void put64(int at, long value) {
        LONG.set(memory, at, value);
    }
}
