// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared-memory header at the offsets of looking-glass-facts.md §6. */
class LgmpHeaderTest {

    @Test
    void readsAB7Header() {
        byte[] bytes = LgmpHeader.write(6, 20, "B7", 3);
        assertEquals('L', bytes[0]);
        assertEquals('G', bytes[1]);
        assertEquals('K', bytes[5756]);
        assertEquals(new LgmpHeader(LgmpHeader.State.FOUND, 6, 20, "B7", 3), LgmpHeader.parse(bytes));
    }

    @Test
    void theHostStringStopsAtItsNulOr32Bytes() {
        assertEquals("B7-rc1-5-gdeadbee", LgmpHeader.parse(LgmpHeader.write(6, 20, "B7-rc1-5-gdeadbee", 0)).hostVersion());
        assertEquals(31, LgmpHeader.parse(LgmpHeader.write(6, 20, "x".repeat(40), 0)).hostVersion().length());
    }

    @Test
    void zeroesMeanTheHostNeverRan() {
        assertEquals(LgmpHeader.State.EMPTY, LgmpHeader.parse(new byte[LgmpHeader.BYTES]).state());
        assertEquals(LgmpHeader.State.EMPTY, LgmpHeader.parse(new byte[0]).state());
    }

    @Test
    void otherBytesAreForeign() {
        byte[] bytes = new byte[LgmpHeader.BYTES];
        bytes[100] = 7;
        assertEquals(LgmpHeader.State.FOREIGN, LgmpHeader.parse(bytes).state());
    }

    @Test
    void releasesBeforeB6OnlyTellTheirLgmpVersion() {
        byte[] b5 = LgmpHeader.write(4, 14, "B5", 0);
        assertEquals(new LgmpHeader(LgmpHeader.State.OLD_LAYOUT, 4, 0, "", 0), LgmpHeader.parse(b5));
    }

    @Test
    void aTruncatedReadIsNotTakenForAKvmfrHeader() {
        byte[] full = LgmpHeader.write(6, 20, "B7", 0);
        byte[] shortRead = java.util.Arrays.copyOf(full, 64);
        assertEquals(LgmpHeader.State.OLD_LAYOUT, LgmpHeader.parse(shortRead).state());
    }

    @Test
    void releasesMapToTheirKvmfrVersion() {
        assertEquals(Optional.of(20L), LgmpHeader.kvmfrVersionOf("B7"));
        assertEquals(Optional.of(19L), LgmpHeader.kvmfrVersionOf("b6.1"));
        assertEquals(Optional.of(14L), LgmpHeader.kvmfrVersionOf("B5"));
        assertEquals(Optional.empty(), LgmpHeader.kvmfrVersionOf("abc1234"));
    }
}
