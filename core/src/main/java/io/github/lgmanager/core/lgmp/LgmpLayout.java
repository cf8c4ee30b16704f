// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/**
 * Where each field of the LGMP shared-memory header lives, in bytes, little-endian. The header is a fixed part,
 * {@value #MAX_QUEUES} queue records, then the user data (the KVMFR header). Offsets are those gcc gives the
 * B7 structures on x86-64: 64-bit fields keep their 8-byte alignment, so a queue record is 8-aligned and
 * {@value #QUEUES} is not 28.
 */
public final class LgmpLayout {
    /** "LGMP" read as a little-endian 32-bit number. */
    public static final int MAGIC = 0x504d474c;
    /** The protocol B7 speaks; B6 spoke 5. */
    public static final int VERSION = 6;
    public static final int MAX_QUEUES = 5;
    /** Client-to-host messages a queue can hold, and the bytes of each. */
    public static final int CLIENT_MESSAGES = 10;
    public static final int CLIENT_MESSAGE_BYTES = 64;
    /** A subscriber whose heartbeat stops for longer than this is gone, as the client library decides it. */
    public static final int HEARTBEAT_TIMEOUT_MS = 1000;

    // the fixed header
    public static final int MAGIC_AT = 0;
    public static final int VERSION_AT = 4;
    public static final int SESSION_ID_AT = 8;
    /** u64, milliseconds of the host's monotonic clock; 12..15 is padding. */
    public static final int TIMESTAMP_AT = 16;
    public static final int NUM_QUEUES_AT = 24;
    public static final int QUEUES = 32;
    public static final int UDATA_SIZE_AT = QUEUES + MAX_QUEUES * Queue.BYTES;
    public static final int UDATA_AT = UDATA_SIZE_AT + 4;
    /** sizeof(struct LGMPHeader): the user data starts inside its tail padding, but allocation counts from here. */
    public static final int HEADER_BYTES = UDATA_AT + 4;

    private LgmpLayout() {
    }

    /** The start of queue record {@code index} (0-based, in creation order). */
    public static int queueAt(int index) {
        if (index < 0 || index >= MAX_QUEUES) {
            throw new IllegalArgumentException("queue index " + index + " outside 0.." + (MAX_QUEUES - 1));
        }
        return QUEUES + index * Queue.BYTES;
    }

    /** Offsets inside one queue record. */
    public static final class Queue {
        public static final int QUEUE_ID = 0;
        /** Slots in the message ring: the configured length plus one that is never filled. */
        public static final int NUM_MESSAGES = 4;
        public static final int NEW_SUB_COUNT = 8;
        public static final int MAX_TIME = 12;
        public static final int POSITION = 16;
        public static final int MESSAGES_OFFSET = 20;
        /** u64[32]: when a timed-out subscriber's slot may be reused, host clock ms. */
        public static final int TIMEOUT = 24;
        /** u32[32]: the client id in each subscriber slot. */
        public static final int CLIENT_ID = TIMEOUT + 32 * 8;
        public static final int LOCK = CLIENT_ID + 32 * 4;
        /** u64: high half = subscribed slots, low half = slots that timed out; 412..415 is padding. */
        public static final int SUBS = 416;
        public static final int START = 424;
        /** u64; 428..431 is padding. */
        public static final int MSG_TIMEOUT = 432;
        public static final int COUNT = 440;
        public static final int CLIENT_MSG_LOCK = 444;
        public static final int CLIENT_MSG_AVAIL = 448;
        public static final int CLIENT_MSG_WRITE_POS = 452;
        public static final int CLIENT_MSG_WRITE_SERIAL = 456;
        public static final int CLIENT_MSG_READ_SERIAL = 460;
        public static final int CLIENT_MSGS = 464;
        /** One client message: a u32 size, then {@value LgmpLayout#CLIENT_MESSAGE_BYTES} bytes. */
        public static final int CLIENT_MSG_BYTES = 4 + CLIENT_MESSAGE_BYTES;
        /** 464 + 10 × 68 = 1144, already a multiple of 8. */
        public static final int BYTES = CLIENT_MSGS + CLIENT_MESSAGES * CLIENT_MSG_BYTES;

        private Queue() {
        }
    }

    /** Offsets inside one slot of a queue's message ring. */
    public static final class Message {
        public static final int UDATA = 0;
        public static final int SIZE = 4;
        /** Where the payload starts, from the start of the shared memory. */
        public static final int OFFSET = 8;
        /** Subscribers that have not yet finished with this message, one bit per slot. */
        public static final int PENDING_SUBS = 12;
        public static final int BYTES = 16;

        private Message() {
        }
    }
}
