// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian words in memory another process changes at the same time. Plain reads and writes where the C
 * code uses plain fields (they are published by a later volatile write or guarded by a queue lock), and
 * volatile or atomic access exactly where it uses C11 atomics, so the JVM neither reorders nor tears them.
 * Atomic access needs aligned indices; every atomic field in LGMP is aligned once the buffer is (a mapping is
 * page-aligned).
 */
final class SharedWords {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteBuffer memory;

    SharedWords(ByteBuffer memory) {
        this.memory = memory;
    }

    ByteBuffer memory() {
        return memory;
    }

    int capacity() {
        return memory.capacity();
    }

    int getInt(int at) {
        return (int) INT.get(memory, at);
    }

    void putInt(int at, int value) {
        INT.set(memory, at, value);
    }

    long getLong(int at) {
        return (long) LONG.get(memory, at);
    }

    void putLong(int at, long value) {
        LONG.set(memory, at, value);
    }

    int volatileInt(int at) {
        return (int) INT.getVolatile(memory, at);
    }

    void setVolatileInt(int at, int value) {
        INT.setVolatile(memory, at, value);
    }

    /** A store-release, as {@code atomic_store_explicit(..., memory_order_release)}. */
    void releaseInt(int at, int value) {
        INT.setRelease(memory, at, value);
    }

    long volatileLong(int at) {
        return (long) LONG.getVolatile(memory, at);
    }

    void setVolatileLong(int at, long value) {
        LONG.setVolatile(memory, at, value);
    }

    boolean compareAndSetInt(int at, int expected, int value) {
        return INT.compareAndSet(memory, at, expected, value);
    }

    /** Returns the value before the addition, as {@code atomic_fetch_add}. */
    int getAndAddInt(int at, int delta) {
        return (int) INT.getAndAdd(memory, at, delta);
    }

    int getAndSetInt(int at, int value) {
        return (int) INT.getAndSet(memory, at, value);
    }

    void putBytes(int at, byte[] bytes) {
        memory.put(at, bytes);
    }

    void putBytes(int at, byte[] bytes, int from, int length) {
        memory.put(at, bytes, from, length);
    }

    byte[] getBytes(int at, int length) {
        byte[] bytes = new byte[length];
        memory.get(at, bytes);
        return bytes;
    }
}
