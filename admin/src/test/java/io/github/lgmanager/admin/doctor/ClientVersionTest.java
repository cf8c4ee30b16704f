package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientVersionTest {

    @Test
    void findsTheReleaseInWhatTheClientPrints() {
        assertEquals(Optional.of("B7"), ClientVersion.parse("Looking Glass (B7)\n"));
        assertEquals(Optional.of("B7-rc1"), ClientVersion.parse("version: B7-rc1\n"));
        assertEquals(Optional.of("B6-12-gabc1234"), ClientVersion.parse("B6-12-gabc1234"));
        assertEquals(Optional.empty(), ClientVersion.parse("unknown option --version"));
    }

    @Test
    void readsTheReleaseTheBuildStoredInTheProgramFile() {
        byte[] binary = bytes("\u007fELF\0\0Looking Glass (%s)\0B7\0BGRA\0B\0Bx7\0spice:enable\0");
        assertEquals(Optional.of("B7"), ClientVersion.inBinary(binary));
    }

    @Test
    void aDevelopmentBuildsDescribeStringIsItsRelease() {
        assertEquals(Optional.of("B7-12-gabc1234"), ClientVersion.inBinary(bytes("\0B7-12-gabc1234\0")));
    }

    @Test
    void noReleaseOrTwoDifferentOnesTellNothing() {
        assertEquals(Optional.empty(), ClientVersion.inBinary(bytes("\0B12x\0Looking Glass\0")));
        assertEquals(Optional.empty(), ClientVersion.inBinary(bytes("\0B6\0B7\0")));
        assertEquals(Optional.empty(), ClientVersion.inBinary(new byte[0]));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
