// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.sizing;

import java.util.Locale;
import java.util.Optional;

/**
 * How much shared memory the Looking Glass host needs for a resolution. The result is in MiB and a
 * power of two, because QEMU asserts that an ivshmem BAR is one.
 */
public enum ShmFormula {

    /** The B7 release: two frames of W×H×BPP (BPP 4, or 8 with HDR) plus 10 MiB. */
    B7("b7") {
        @Override
        long requiredBytes(Resolution r, boolean hdr) {
            long bpp = hdr ? 8 : 4;
            return (long) r.width() * r.height() * bpp * 2 + 10 * MIB;
        }
    },

    /**
     * The development line built around the indirect display driver: rows padded to 256 bytes,
     * three frames, 4 MiB of headroom; HDR no longer doubles the size.
     */
    IDD("idd") {
        @Override
        long requiredBytes(Resolution r, boolean hdr) {
            long pitch = ceilDiv(r.width() * 4L, 256) * 256;
            return pitch * r.height() * 3 + 4 * MIB;
        }
    };

    private static final long MIB = 1024 * 1024;

    private final String id;

    ShmFormula(String id) {
        this.id = id;
    }

    abstract long requiredBytes(Resolution r, boolean hdr);

    /** The size to configure, in MiB: the required size rounded up to a power of two. */
    public long sizeMiB(Resolution resolution, boolean hdr) {
        long requiredMiB = ceilDiv(requiredBytes(resolution, hdr), MIB);
        return Long.highestOneBit(requiredMiB - 1) << 1;
    }

    public long sizeBytes(Resolution resolution, boolean hdr) {
        return sizeMiB(resolution, hdr) * MIB;
    }

    /** The name used in settings and on the command line ({@code b7}, {@code idd}). */
    public String id() {
        return id;
    }

    public static Optional<ShmFormula> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String t = id.strip().toLowerCase(Locale.ROOT);
        for (ShmFormula f : values()) {
            if (f.id.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
