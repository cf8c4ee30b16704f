// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.Bytes.changedRanges;
import static io.github.lgmanager.core.lgmp.Bytes.snapshot;
import static io.github.lgmanager.core.lgmp.Bytes.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvmfrFrameWriterTest {
    private final ByteBuffer memory = ByteBuffer.allocateDirect(8 << 20);
    private final KvmfrFrameWriter writer = new KvmfrFrameWriter(memory);
    /** A page-aligned block, as the host allocates frame blocks. */
    private final LgmpMemory block = new LgmpMemory(8192, 4096 + 640 * 480 * 4);

    @Test
    void theHeaderDescribesAnUnrotatedFullyDamagedBgraFrame() {
        Bytes.fill(memory, (byte) 0xEE);
        byte[] before = snapshot(memory);
        writer.writeHeader(block, 640, 480, 17);
        int at = block.offset();
        assertEquals(1, u32(memory, at), "formatVer");
        assertEquals(17, u32(memory, at + 4), "frameSerial");
        assertEquals(1, u32(memory, at + 8), "FRAME_TYPE_BGRA");
        for (int field = 12; field <= 28; field += 8) {
            assertEquals(640, u32(memory, at + field), "width at " + field);
            assertEquals(480, u32(memory, at + field + 4), "height at " + (field + 4));
        }
        assertEquals(0, u32(memory, at + 36), "rotation");
        assertEquals(640, u32(memory, at + 40), "stride in pixels");
        assertEquals(2560, u32(memory, at + 44), "pitch in bytes");
        assertEquals(4092, u32(memory, at + 48), "FrameBuffer 4 bytes before the next page");
        assertEquals(0, u32(memory, at + 52), "no damage rectangles: the whole frame");
        assertEquals(0, u32(memory, at + 1080), "flags");
        // the damage rectangles themselves are not read when their count is 0, so they are left alone
        assertEquals(List.of("8192-8248", "9272-9276"), changedRanges(before, snapshot(memory)));
    }

    @Test
    void pixelsStartOnTheNextPageAndTheWritePositionCoversThemAll() {
        Bytes.fill(memory, (byte) 0xEE);
        byte[] pixels = new byte[640 * 480 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        writer.prepare(block);
        assertEquals(0, u32(memory, block.offset() + 4092));
        writer.writePixels(block, pixels);
        assertEquals(pixels.length, u32(memory, block.offset() + 4092));
        assertArrayEquals(pixels, Bytes.get(memory, block.offset() + 4096, pixels.length));
        assertEquals((byte) 0xEE, memory.get(block.offset() + 4096 + pixels.length), "nothing past the frame");
    }

    @Test
    void aFrameLargerThanItsBlockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> writer.writeHeader(block, 640, 481, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.writePixels(block, new byte[640 * 481 * 4]));
    }

    @Test
    void aBlockNeedsAPageThenThePixels() {
        assertEquals(4096 + 1920L * 1080 * 4, KvmfrFrameWriter.blockBytes(1920, 1080));
    }
}
