// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.nio.ByteBuffer;

/** The LGMP header words that tell whether a host is running: read twice, a live host's heartbeat moves. */
public record HeaderSample(int magic, int version, int sessionId, long timestamp) {

    public static HeaderSample read(ByteBuffer memory) {
        SharedWords words = new SharedWords(memory);
        return new HeaderSample(words.volatileInt(LgmpLayout.MAGIC_AT), words.getInt(LgmpLayout.VERSION_AT),
                words.getInt(LgmpLayout.SESSION_ID_AT), words.volatileLong(LgmpLayout.TIMESTAMP_AT));
    }

    public boolean isLgmp() {
        return magic == LgmpLayout.MAGIC;
    }

    /**
     * Whether a host was running between this sample and a later one: an LGMP header whose heartbeat or session
     * moved. Any LGMP version counts: an older host in the guest is just as much someone else's.
     */
    public boolean hostRanUntil(HeaderSample later) {
        return later.isLgmp() && (later.timestamp != timestamp || later.sessionId != sessionId);
    }
}
