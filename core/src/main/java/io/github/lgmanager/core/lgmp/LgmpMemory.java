// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/** A block of the shared memory the host handed out: its start from the beginning of the memory, and its size. */
public record LgmpMemory(int offset, int size) {
    public LgmpMemory {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("offset " + offset + " and size " + size + " must not be negative");
        }
    }

    public int end() {
        return offset + size;
    }
}
