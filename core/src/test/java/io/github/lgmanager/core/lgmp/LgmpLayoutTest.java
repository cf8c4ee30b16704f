// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lgmanager.core.lgmp.LgmpLayout.Message;
import io.github.lgmanager.core.lgmp.LgmpLayout.Queue;
import org.junit.jupiter.api.Test;

/**
 * The specification: offsetof/sizeof that gcc 12.2 (Debian 12, x86-64, -std=gnu11) printed for the structures of
 * LGMP's src/headers.h at Looking Glass B7 (LGMP_PROTOCOL_VERSION 6, LGMP_MAX_QUEUES 5, LGMP_MSGS_MAX 10,
 * LGMP_MSGS_SIZE 64, structs aligned(4)). A 64-bit field keeps its 8-byte alignment inside those structs.
 */
class LgmpLayoutTest {

    @Test
    void headerFieldsSitWhereGccPutsThem() {
        assertAll(
                () -> assertEquals(0, LgmpLayout.MAGIC_AT),
                () -> assertEquals(4, LgmpLayout.VERSION_AT),
                () -> assertEquals(8, LgmpLayout.SESSION_ID_AT),
                () -> assertEquals(16, LgmpLayout.TIMESTAMP_AT),
                () -> assertEquals(24, LgmpLayout.NUM_QUEUES_AT),
                () -> assertEquals(32, LgmpLayout.QUEUES),
                () -> assertEquals(5752, LgmpLayout.UDATA_SIZE_AT),
                () -> assertEquals(5756, LgmpLayout.UDATA_AT),
                () -> assertEquals(5760, LgmpLayout.HEADER_BYTES));
    }

    @Test
    void queueRecordFieldsSitWhereGccPutsThem() {
        assertAll(
                () -> assertEquals(0, Queue.QUEUE_ID),
                () -> assertEquals(4, Queue.NUM_MESSAGES),
                () -> assertEquals(8, Queue.NEW_SUB_COUNT),
                () -> assertEquals(12, Queue.MAX_TIME),
                () -> assertEquals(16, Queue.POSITION),
                () -> assertEquals(20, Queue.MESSAGES_OFFSET),
                () -> assertEquals(24, Queue.TIMEOUT),
                () -> assertEquals(280, Queue.CLIENT_ID),
                () -> assertEquals(408, Queue.LOCK),
                () -> assertEquals(416, Queue.SUBS),
                () -> assertEquals(424, Queue.START),
                () -> assertEquals(432, Queue.MSG_TIMEOUT),
                () -> assertEquals(440, Queue.COUNT),
                () -> assertEquals(444, Queue.CLIENT_MSG_LOCK),
                () -> assertEquals(448, Queue.CLIENT_MSG_AVAIL),
                () -> assertEquals(452, Queue.CLIENT_MSG_WRITE_POS),
                () -> assertEquals(456, Queue.CLIENT_MSG_WRITE_SERIAL),
                () -> assertEquals(460, Queue.CLIENT_MSG_READ_SERIAL),
                () -> assertEquals(464, Queue.CLIENT_MSGS),
                () -> assertEquals(68, Queue.CLIENT_MSG_BYTES),
                () -> assertEquals(1144, Queue.BYTES));
    }

    @Test
    void messageSlotFieldsSitWhereGccPutsThem() {
        assertAll(
                () -> assertEquals(0, Message.UDATA),
                () -> assertEquals(4, Message.SIZE),
                () -> assertEquals(8, Message.OFFSET),
                () -> assertEquals(12, Message.PENDING_SUBS),
                () -> assertEquals(16, Message.BYTES));
    }

    @Test
    void everyAtomicFieldIsAlignedToItsSizeSoTheJvmCanUpdateItAtomically() {
        for (int q = 0; q < LgmpLayout.MAX_QUEUES; q++) {
            int at = LgmpLayout.queueAt(q);
            assertEquals(0, (at + Queue.SUBS) % 8, "subs of queue " + q);
            assertEquals(0, (at + Queue.MSG_TIMEOUT) % 8, "msgTimeout of queue " + q);
            assertEquals(0, (at + Queue.LOCK) % 4, "lock of queue " + q);
        }
        assertEquals(0, LgmpLayout.TIMESTAMP_AT % 8);
    }

    @Test
    void queuesFollowOneAnotherEvery1144Bytes() {
        assertEquals(32, LgmpLayout.queueAt(0));
        assertEquals(1176, LgmpLayout.queueAt(1));
        assertEquals(4608, LgmpLayout.queueAt(4));
        assertThrows(IllegalArgumentException.class, () -> LgmpLayout.queueAt(5));
        assertThrows(IllegalArgumentException.class, () -> LgmpLayout.queueAt(-1));
    }

    @Test
    void protocolConstantsAreB7s() {
        assertEquals(0x504d474c, LgmpLayout.MAGIC);
        assertEquals(6, LgmpLayout.VERSION);
        assertEquals(5, LgmpLayout.MAX_QUEUES);
        assertEquals(10, LgmpLayout.CLIENT_MESSAGES);
        assertEquals(64, LgmpLayout.CLIENT_MESSAGE_BYTES);
        assertEquals(1000, LgmpLayout.HEARTBEAT_TIMEOUT_MS);
    }
}
