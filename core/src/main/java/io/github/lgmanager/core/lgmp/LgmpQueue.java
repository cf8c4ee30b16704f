// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/**
 * The host's handle on one queue: where its record and message ring are, and the next slot it will post into
 * (the host's own counter; the shared record's position is what clients read).
 */
public final class LgmpQueue {
    private final int index;
    private final int queueId;
    private final int numMessages;
    private final int maxTimeMs;
    private final int messagesAt;
    private int position;

    LgmpQueue(int index, int queueId, int numMessages, int maxTimeMs, int messagesAt) {
        this.index = index;
        this.queueId = queueId;
        this.numMessages = numMessages;
        this.maxTimeMs = maxTimeMs;
        this.messagesAt = messagesAt;
    }

    /** Position in the header's queue array. */
    public int index() {
        return index;
    }

    /** The application's id for it (KVMFR: 1 pointer, 2 frame). */
    public int queueId() {
        return queueId;
    }

    /** Ring slots, one more than the messages that may be in flight. */
    public int numMessages() {
        return numMessages;
    }

    public int maxTimeMs() {
        return maxTimeMs;
    }

    /** Where the record starts in the shared memory. */
    public int recordAt() {
        return LgmpLayout.queueAt(index);
    }

    /** Where the message ring starts in the shared memory. */
    public int messagesAt() {
        return messagesAt;
    }

    int messageAt(int slot) {
        return messagesAt + slot * LgmpLayout.Message.BYTES;
    }

    int position() {
        return position;
    }

    void advance() {
        position = position + 1 == numMessages ? 0 : position + 1;
    }
}
