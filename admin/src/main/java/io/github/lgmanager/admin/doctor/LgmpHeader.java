// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the Windows host application wrote at the start of the shared memory (LGMP header, then the KVMFR
 * user data), read from bytes. Offsets from looking-glass-facts.md §6; little-endian.
 */
public record LgmpHeader(State state, long lgmpVersion, long kvmfrVersion, String hostVersion, long features) {
    public static final int LGMP_MAGIC = 0x504d474c; // "LGMP"
    static final int LGMP_VERSION_AT = 4;
    static final int UDATA_SIZE_AT = 5752;
    static final int KVMFR_MAGIC_AT = 5756;
    static final int KVMFR_VERSION_AT = 5764;
    static final int HOST_VERSION_AT = 5768;
    static final int HOST_VERSION_BYTES = 32;
    static final int FEATURES_AT = 5800;
    /** Bytes to read to see everything this parser knows about. */
    public static final int BYTES = FEATURES_AT + 4;
    static final byte[] KVMFR_MAGIC = "KVMFR---".getBytes(StandardCharsets.US_ASCII);
    /** The first LGMP version whose user-data offset we know (B6). */
    static final long FIRST_KNOWN_LAYOUT = 5;

    public enum State {
        /** All zero: the host application never ran since the file was created. */
        EMPTY,
        /** Not an LGMP header: something else wrote here, or it is not Looking Glass memory. */
        FOREIGN,
        /** LGMP from a release whose KVMFR offsets differ (before B6): only the LGMP version is known. */
        OLD_LAYOUT,
        /** LGMP and KVMFR headers read. */
        FOUND
    }

    public static LgmpHeader parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            return allZero(bytes) ? empty(State.EMPTY) : empty(State.FOREIGN);
        }
        if (b.getInt(0) != LGMP_MAGIC) {
            return allZero(bytes) ? empty(State.EMPTY) : empty(State.FOREIGN);
        }
        long lgmp = Integer.toUnsignedLong(b.getInt(LGMP_VERSION_AT));
        if (lgmp < FIRST_KNOWN_LAYOUT || bytes.length < BYTES || !kvmfrMagic(bytes)) {
            return new LgmpHeader(State.OLD_LAYOUT, lgmp, 0, "", 0);
        }
        long kvmfr = Integer.toUnsignedLong(b.getInt(KVMFR_VERSION_AT));
        int end = HOST_VERSION_AT;
        while (end < HOST_VERSION_AT + HOST_VERSION_BYTES && bytes[end] != 0) {
            end++;
        }
        String host = new String(bytes, HOST_VERSION_AT, end - HOST_VERSION_AT, StandardCharsets.UTF_8).strip();
        long features = Integer.toUnsignedLong(b.getInt(FEATURES_AT));
        return new LgmpHeader(State.FOUND, lgmp, kvmfr, host, features);
    }

    private static LgmpHeader empty(State state) {
        return new LgmpHeader(state, 0, 0, "", 0);
    }

    private static boolean kvmfrMagic(byte[] bytes) {
        for (int i = 0; i < KVMFR_MAGIC.length; i++) {
            if (bytes[KVMFR_MAGIC_AT + i] != KVMFR_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte value : bytes) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    /** The KVMFR protocol version a release speaks (facts §6), for comparing a client with a host. */
    public static Optional<Long> kvmfrVersionOf(String release) {
        String r = release == null ? "" : release.strip().toUpperCase(java.util.Locale.ROOT);
        if (r.startsWith("B7")) {
            return Optional.of(20L);
        }
        if (r.startsWith("B6")) {
            return Optional.of(19L);
        }
        if (r.startsWith("B5")) {
            return Optional.of(14L);
        }
        if (r.startsWith("B4")) {
            return Optional.of(10L);
        }
        return Optional.empty();
    }

    /** A header as the host application would write it, for tests and demonstrations. */
    public static byte[] write(long lgmpVersion, long kvmfrVersion, String hostVersion, long features) {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, LGMP_MAGIC);
        b.putInt(LGMP_VERSION_AT, (int) lgmpVersion);
        b.putInt(UDATA_SIZE_AT, HOST_VERSION_AT + HOST_VERSION_BYTES + 4 - KVMFR_MAGIC_AT);
        b.put(KVMFR_MAGIC_AT, KVMFR_MAGIC);
        b.putInt(KVMFR_VERSION_AT, (int) kvmfrVersion);
        byte[] host = hostVersion.getBytes(StandardCharsets.UTF_8);
        b.put(HOST_VERSION_AT, host, 0, Math.min(host.length, HOST_VERSION_BYTES - 1));
        b.putInt(FEATURES_AT, (int) features);
        return b.array();
    }
}
