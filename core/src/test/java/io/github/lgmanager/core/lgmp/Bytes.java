// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Test helpers: reading the shared memory as a client would, and comparing snapshots of it. */
public final class Bytes {
    private Bytes() {
    }

    public static int u32(ByteBuffer memory, int at) {
        return memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    public static long u64(ByteBuffer memory, int at) {
        return memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    public static void put32(ByteBuffer memory, int at, int value) {
        memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    public static void put64(ByteBuffer memory, int at, long value) {
        memory.duplicate().order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    public static byte[] get(ByteBuffer memory, int at, int length) {
        byte[] bytes = new byte[length];
        memory.get(at, bytes);
        return bytes;
    }

    public static byte[] snapshot(ByteBuffer memory) {
        return get(memory, 0, memory.capacity());
    }

    public static void fill(ByteBuffer memory, byte value) {
        for (int i = 0; i < memory.capacity(); i++) {
            memory.put(i, value);
        }
    }

    /** The byte ranges that differ, as "from-to" (end exclusive), e.g. ["0-12", "16-28"]. */
    public static List<String> changedRanges(byte[] before, byte[] after) {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < before.length) {
            if (before[i] == after[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < before.length && before[i] != after[i]) {
                i++;
            }
            ranges.add(start + "-" + i);
        }
        return ranges;
    }

    /** A random source that returns these ints from nextInt(), in order, then repeats the last. */
    public static RandomGenerator ints(int... values) {
        return new RandomGenerator() {
            private int next;

            @Override
            public long nextLong() {
                int value = values[Math.min(next++, values.length - 1)];
                return ((long) value) << 32;
            }
        };
    }
}
