// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.KvmfrLayout.Frame;
import static io.github.lgmanager.core.lgmp.KvmfrLayout.FrameBuffer;

import java.nio.ByteBuffer;

/**
 * Writes BGRA frames into frame blocks as the B7 host lays them out: the KVMFRFrame record at the start of the
 * block, its FrameBuffer {@value #PIXELS_AT} - 4 bytes in, so the pixels begin on the next page (the client can
 * hand page-aligned pixels to the GPU), and the pixels written after the message is posted, the write position
 * published every mebibyte so the client may start copying before the last row is in.
 */
public final class KvmfrFrameWriter {
    /** Where the pixels start in a block; blocks must be allocated aligned to it. */
    public static final int PIXELS_AT = 4096;
    /** The frame format version we announce; the client reconfigures when it changes. */
    public static final int FORMAT_VERSION = 1;
    private static final int BYTES_PER_PIXEL = 4;

    private final SharedWords words;

    public KvmfrFrameWriter(ByteBuffer memory) {
        this.words = new SharedWords(memory);
    }

    /** Bytes a block needs for a frame of this size. */
    public static long blockBytes(int width, int height) {
        return PIXELS_AT + (long) width * height * BYTES_PER_PIXEL;
    }

    /** Fills the block's KVMFRFrame for an unrotated, uncompressed, fully damaged BGRA frame. */
    public void writeHeader(LgmpMemory block, int width, int height, int serial) {
        if (blockBytes(width, height) > block.size()) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + blockBytes(width, height)
                    + " bytes, the block has " + block.size());
        }
        int at = block.offset();
        words.putInt(at + Frame.FORMAT_VERSION, FORMAT_VERSION);
        words.putInt(at + Frame.FRAME_SERIAL, serial);
        words.putInt(at + Frame.TYPE, Frame.TYPE_BGRA);
        words.putInt(at + Frame.SCREEN_WIDTH, width);
        words.putInt(at + Frame.SCREEN_HEIGHT, height);
        words.putInt(at + Frame.DATA_WIDTH, width);
        words.putInt(at + Frame.DATA_HEIGHT, height);
        words.putInt(at + Frame.FRAME_WIDTH, width);
        words.putInt(at + Frame.FRAME_HEIGHT, height);
        words.putInt(at + Frame.ROTATION, Frame.ROTATION_0);
        words.putInt(at + Frame.STRIDE, width);
        words.putInt(at + Frame.PITCH, width * BYTES_PER_PIXEL);
        words.putInt(at + Frame.FRAME_BUFFER_OFFSET, PIXELS_AT - FrameBuffer.DATA);
        words.putInt(at + Frame.DAMAGE_RECTS_COUNT, 0);
        words.putInt(at + Frame.FLAGS, 0);
    }

    /** Zeroes the write position before the frame is posted: a client must not read the previous frame's pixels. */
    public void prepare(LgmpMemory block) {
        words.releaseInt(writePositionAt(block), 0);
    }

    /** Copies the pixels in, publishing the write position after each mebibyte and at the end. */
    public void writePixels(LgmpMemory block, byte[] bgra) {
        if (PIXELS_AT + (long) bgra.length > block.size()) {
            throw new IllegalArgumentException(bgra.length + " bytes of pixels do not fit a block of " + block.size());
        }
        int pixels = block.offset() + PIXELS_AT;
        int written = 0;
        while (written < bgra.length) {
            int chunk = Math.min(FrameBuffer.CHUNK_BYTES, bgra.length - written);
            words.putBytes(pixels + written, bgra, written, chunk);
            written += chunk;
            words.releaseInt(writePositionAt(block), written);
        }
    }

    private static int writePositionAt(LgmpMemory block) {
        return block.offset() + PIXELS_AT - FrameBuffer.DATA + FrameBuffer.WRITE_POSITION;
    }
}
