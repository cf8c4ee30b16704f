// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolutionTest {

    @ParameterizedTest
    @CsvSource({"2560x1440,2560,1440", "1920X1080,1920,1080", "3840\u00d72160,3840,2160", "' 800 x 600 ',800,600",
            "16384x16384,16384,16384", "1x1,1,1"})
    void parsesWidthTimesHeight(String text, int w, int h) throws Exception {
        assertEquals(new Resolution(w, h), Resolution.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1080p,1920,1080", "1200p,1920,1200", "1440p,2560,1440", "3440x1440,3440,1440", "4k,3840,2160",
            "4K,3840,2160", "5k,5120,2880", "8k,7680,4320"})
    void parsesPresets(String text, int w, int h) throws Exception {
        assertEquals(new Resolution(w, h), Resolution.parse(text));
    }

    @Test
    void listsPresetsInTheDocumentedOrder() {
        assertEquals(List.of("1080p", "1200p", "1440p", "3440x1440", "4k", "5k", "8k"),
                List.copyOf(Resolution.presets().keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "   ", "1920", "1920x", "x1080", "1920x1080x3", "-1920x1080", "1920x-1080",
            "1920.5x1080", "0x0", "0x1080", "1920x0", "16385x1080", "1920x16385", "99999999999999999999x1080",
            "2147483648x2147483648", "4 k", "1080i"})
    void rejectsBadInputNamingTheAcceptedForms(String text) {
        InvalidResolutionException e = assertThrows(InvalidResolutionException.class, () -> Resolution.parse(text));
        assertTrue(e.getMessage().contains("WIDTHxHEIGHT") && e.getMessage().contains("1080p, 1200p, 1440p, 3440x1440, 4k, 5k, 8k"),
                e.getMessage());
    }

    @Test
    void saysWhyAnOversizedSideIsWrong() {
        InvalidResolutionException e = assertThrows(InvalidResolutionException.class,
                () -> Resolution.parse("20000x1080"));
        assertTrue(e.getMessage().contains("1 to 16384 pixels"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(InvalidResolutionException.class, () -> Resolution.parse(null));
    }

    @Test
    void printsAsWidthTimesHeight() {
        assertEquals("3440x1440", new Resolution(3440, 1440).toString());
    }
}
