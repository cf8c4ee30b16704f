// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KvmfrUserDataTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void isTheKvmfrHeaderThenOneOsRecord() {
        byte[] data = KvmfrUserData.of("lg-manager test", 4, "card");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(48 + 8 + 1 + 5, data.length);
        assertArrayEquals(ascii("KVMFR---"), Arrays.copyOfRange(data, 0, 8));
        assertEquals(20, b.getInt(8));
        byte[] hostVersion = new byte[32];
        System.arraycopy(ascii("lg-manager test"), 0, hostVersion, 0, 15);
        assertArrayEquals(hostVersion, Arrays.copyOfRange(data, 12, 44));
        assertEquals(0, b.getInt(44), "no features: we cannot move the guest's cursor");
        assertArrayEquals(new byte[] {2, 0, 0, 0}, Arrays.copyOfRange(data, 48, 52), "OS info, then padding");
        assertEquals(6, b.getInt(52), "the os byte and \"card\\0\"");
        assertEquals(4, data[56]);
        assertArrayEquals(ascii("card\0"), Arrays.copyOfRange(data, 57, 62));
    }

    @Test
    void aLongHostVersionIsCutTo31BytesAndStaysTerminated() {
        byte[] data = KvmfrUserData.of("x".repeat(40), 4, "");
        assertArrayEquals(ascii("x".repeat(31) + "\0"), Arrays.copyOfRange(data, 12, 44));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        byte[] cut = KvmfrUserData.cString("é".repeat(20), 32);
        assertArrayEquals(("é".repeat(15) + "\0\0").getBytes(StandardCharsets.UTF_8), cut);
    }
}
