// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.lgmp.KvmfrLayout.Cursor;
import io.github.lgmanager.core.lgmp.KvmfrLayout.Frame;
import io.github.lgmanager.core.lgmp.KvmfrLayout.FrameBuffer;
import io.github.lgmanager.core.lgmp.KvmfrLayout.Header;
import io.github.lgmanager.core.lgmp.KvmfrLayout.Record;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The specification: offsetof/sizeof that gcc 12.2 (x86-64) printed for common/include/common/KVMFR.h,
 * types.h and framebuffer.h at Looking Glass B7 (KVMFR_VERSION 20, KVMFR_MAX_DAMAGE_RECTS 64).
 */
class KvmfrLayoutTest {

    @Test
    void kvmfrHeaderIs48Bytes() {
        assertAll(
                () -> assertEquals(0, Header.MAGIC),
                () -> assertEquals(8, Header.VERSION),
                () -> assertEquals(12, Header.HOST_VERSION),
                () -> assertEquals(32, Header.HOST_VERSION_BYTES),
                () -> assertEquals(44, Header.FEATURES),
                () -> assertEquals(48, Header.BYTES));
    }

    @Test
    void aRecordHasItsSizeAfterThreeBytesOfPadding() {
        assertAll(
                () -> assertEquals(0, Record.TYPE),
                () -> assertEquals(4, Record.SIZE),
                () -> assertEquals(8, Record.BYTES),
                () -> assertEquals(1, Record.TYPE_VM_INFO),
                () -> assertEquals(2, Record.TYPE_OS_INFO),
                () -> assertEquals(0, Record.OS_LINUX),
                () -> assertEquals(4, Record.OS_OTHER));
    }

    @Test
    void frameRecordFieldsSitWhereGccPutsThem() {
        assertAll(
                () -> assertEquals(0, Frame.FORMAT_VERSION),
                () -> assertEquals(4, Frame.FRAME_SERIAL),
                () -> assertEquals(8, Frame.TYPE),
                () -> assertEquals(12, Frame.SCREEN_WIDTH),
                () -> assertEquals(16, Frame.SCREEN_HEIGHT),
                () -> assertEquals(20, Frame.DATA_WIDTH),
                () -> assertEquals(24, Frame.DATA_HEIGHT),
                () -> assertEquals(28, Frame.FRAME_WIDTH),
                () -> assertEquals(32, Frame.FRAME_HEIGHT),
                () -> assertEquals(36, Frame.ROTATION),
                () -> assertEquals(40, Frame.STRIDE),
                () -> assertEquals(44, Frame.PITCH),
                () -> assertEquals(48, Frame.FRAME_BUFFER_OFFSET),
                () -> assertEquals(52, Frame.DAMAGE_RECTS_COUNT),
                () -> assertEquals(56, Frame.DAMAGE_RECTS),
                () -> assertEquals(1080, Frame.FLAGS),
                () -> assertEquals(1084, Frame.BYTES),
                () -> assertEquals(1, Frame.TYPE_BGRA));
    }

    @Test
    void frameBufferIsAWritePositionThenData() {
        assertEquals(0, FrameBuffer.WRITE_POSITION);
        assertEquals(4, FrameBuffer.DATA);
        assertEquals(1048576, FrameBuffer.CHUNK_BYTES);
    }

    @Test
    void cursorRecordFieldsSitWhereGccPutsThem() {
        assertAll(
                () -> assertEquals(0, Cursor.X),
                () -> assertEquals(2, Cursor.Y),
                () -> assertEquals(4, Cursor.TYPE),
                () -> assertEquals(8, Cursor.HOTSPOT_X),
                () -> assertEquals(9, Cursor.HOTSPOT_Y),
                () -> assertEquals(12, Cursor.WIDTH),
                () -> assertEquals(16, Cursor.HEIGHT),
                () -> assertEquals(20, Cursor.PITCH),
                () -> assertEquals(24, Cursor.BYTES));
    }

    @Test
    void protocolConstantsAreB7s() {
        assertArrayEquals("KVMFR---".getBytes(StandardCharsets.US_ASCII), KvmfrLayout.magic());
        assertEquals(20, KvmfrLayout.VERSION);
        assertEquals(1, KvmfrLayout.POINTER_QUEUE_ID);
        assertEquals(2, KvmfrLayout.FRAME_QUEUE_ID);
        assertEquals(2, KvmfrLayout.FRAME_QUEUE_LENGTH);
        assertEquals(20, KvmfrLayout.POINTER_QUEUE_LENGTH);
        assertEquals(1000, KvmfrLayout.SUBSCRIBER_TIMEOUT_MS);
    }

    @Test
    void aFrameRecordFitsBeforeItsPixelsOnTheNextPage() {
        assertEquals(true, Frame.BYTES <= KvmfrFrameWriter.PIXELS_AT - FrameBuffer.DATA);
    }
}
