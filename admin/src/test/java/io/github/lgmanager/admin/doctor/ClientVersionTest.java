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
}
