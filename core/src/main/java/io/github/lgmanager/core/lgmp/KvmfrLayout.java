// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.nio.charset.StandardCharsets;

/**
 * The KVMFR protocol (version {@value #VERSION}, B7) carried over LGMP: the user data that follows the LGMP
 * header, the queues the client subscribes to, and the frame and cursor records their messages point at.
 * Offsets as gcc lays out the B7 structures on x86-64.
 */
public final class KvmfrLayout {
    public static final int VERSION = 20;
    public static final int POINTER_QUEUE_ID = 1;
    public static final int FRAME_QUEUE_ID = 2;
    /** Messages in flight per queue, as the B7 host configures them. */
    public static final int FRAME_QUEUE_LENGTH = 2;
    public static final int POINTER_QUEUE_LENGTH = 20;
    /** How long a subscriber may keep a message before the host gives up on it, as the B7 host configures it. */
    public static final int SUBSCRIBER_TIMEOUT_MS = 1000;

    private KvmfrLayout() {
    }

    /** "KVMFR---", without a terminating NUL. */
    public static byte[] magic() {
        return "KVMFR---".getBytes(StandardCharsets.US_ASCII);
    }

    /** The KVMFR header at the start of the LGMP user data; records follow it. */
    public static final class Header {
        public static final int MAGIC = 0;
        public static final int VERSION = 8;
        /** char[32], NUL-terminated: the host application's version as the client prints it. */
        public static final int HOST_VERSION = 12;
        public static final int HOST_VERSION_BYTES = 32;
        public static final int FEATURES = 44;
        public static final int BYTES = 48;
        /** The host can move the guest's cursor when the client asks; ours cannot. */
        public static final int FEATURE_SET_CURSOR_POS = 0x1;

        private Header() {
        }
    }

    /** A record after the KVMFR header: a type byte, three bytes of padding, a u32 size, then size bytes. */
    public static final class Record {
        public static final int TYPE = 0;
        public static final int SIZE = 4;
        public static final int BYTES = 8;
        public static final int TYPE_VM_INFO = 1;
        public static final int TYPE_OS_INFO = 2;
        /** The OS-info record's body: one byte for the OS kind, then its NUL-terminated name. */
        public static final int OS_LINUX = 0;
        public static final int OS_OTHER = 4;

        private Record() {
        }
    }

    /** KVMFRFrame: what a frame-queue message's payload starts with. */
    public static final class Frame {
        public static final int FORMAT_VERSION = 0;
        public static final int FRAME_SERIAL = 4;
        public static final int TYPE = 8;
        public static final int SCREEN_WIDTH = 12;
        public static final int SCREEN_HEIGHT = 16;
        public static final int DATA_WIDTH = 20;
        public static final int DATA_HEIGHT = 24;
        public static final int FRAME_WIDTH = 28;
        public static final int FRAME_HEIGHT = 32;
        public static final int ROTATION = 36;
        /** Pixels per row. */
        public static final int STRIDE = 40;
        /** Bytes per row. */
        public static final int PITCH = 44;
        /** From the start of this record to its FrameBuffer. */
        public static final int FRAME_BUFFER_OFFSET = 48;
        public static final int DAMAGE_RECTS_COUNT = 52;
        /** 64 × {x, y, width, height} as u32; a count of 0 means the whole frame changed. */
        public static final int DAMAGE_RECTS = 56;
        public static final int MAX_DAMAGE_RECTS = 64;
        public static final int FLAGS = DAMAGE_RECTS + MAX_DAMAGE_RECTS * 16;
        public static final int BYTES = FLAGS + 4;
        /** FrameType: 32-bit pixels, bytes in the order blue, green, red, alpha. */
        public static final int TYPE_BGRA = 1;
        public static final int ROTATION_0 = 0;

        private Frame() {
        }
    }

    /**
     * FrameBuffer: a u32 count of the bytes written so far (the client waits until it covers what it reads), then
     * the pixels.
     */
    public static final class FrameBuffer {
        public static final int WRITE_POSITION = 0;
        public static final int DATA = 4;
        /** The B7 host publishes the write position after every mebibyte, so the client can start copying early. */
        public static final int CHUNK_BYTES = 1 << 20;

        private FrameBuffer() {
        }
    }

    /** KVMFRCursor: what a pointer-queue message's payload starts with; the message's udata holds the flags. */
    public static final class Cursor {
        public static final int X = 0;
        public static final int Y = 2;
        public static final int TYPE = 4;
        public static final int HOTSPOT_X = 8;
        public static final int HOTSPOT_Y = 9;
        public static final int WIDTH = 12;
        public static final int HEIGHT = 16;
        public static final int PITCH = 20;
        public static final int BYTES = 24;
        public static final int FLAG_POSITION = 0x1;
        public static final int FLAG_VISIBLE = 0x2;
        public static final int FLAG_SHAPE = 0x4;

        private Cursor() {
        }
    }
}
