// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShmFormulaTest {

    /** The table in upstream's B7 doc/install_libvirt.rst. */
    @ParameterizedTest(name = "b7 {0}: SDR {1} MiB, HDR {2} MiB")
    @CsvSource({"1920x1080,32,64", "1920x1200,32,64", "2560x1440,64,128", "3840x2160,128,256"})
    void b7ReproducesTheDocumentedTable(String res, long sdr, long hdr) throws Exception {
        Resolution r = Resolution.parse(res);
        assertEquals(sdr, ShmFormula.B7.sizeMiB(r, false));
        assertEquals(hdr, ShmFormula.B7.sizeMiB(r, true));
    }

    /** The development line's table; HDR does not change it. */
    @ParameterizedTest(name = "idd {0}: {1} MiB")
    @CsvSource({"1080p,32", "1200p,32", "1440p,64", "3440x1440,64", "4k,128", "5120x1440,128", "5k,256", "8k,512"})
    void iddReproducesTheDocumentedTable(String res, long mib) throws Exception {
        Resolution r = Resolution.parse(res);
        assertEquals(mib, ShmFormula.IDD.sizeMiB(r, false));
        assertEquals(mib, ShmFormula.IDD.sizeMiB(r, true));
    }

    @Test
    void everySizeIsAPowerOfTwoAndHoldsTheFrames() {
        for (int w = 1; w <= Resolution.MAX_SIDE; w += 1531) {
            for (int h = 1; h <= Resolution.MAX_SIDE; h += 977) {
                Resolution r = new Resolution(w, h);
                for (boolean hdr : new boolean[] {false, true}) {
                    long b7 = ShmFormula.B7.sizeMiB(r, hdr);
                    assertEquals(1, Long.bitCount(b7), r + " b7");
                    assertTrue(b7 * 1024 * 1024 >= (long) w * h * (hdr ? 8 : 4) * 2 + 10 * 1024 * 1024, r + " b7");
                    assertTrue(b7 / 2 * 1024 * 1024 < (long) w * h * (hdr ? 8 : 4) * 2 + 10 * 1024 * 1024, r + " b7 tight");
                    assertEquals(1, Long.bitCount(ShmFormula.IDD.sizeMiB(r, hdr)), r + " idd");
                }
            }
        }
    }

    @Test
    void theLargestResolutionFitsInALong() {
        Resolution max = new Resolution(16384, 16384);
        assertEquals(8192, ShmFormula.B7.sizeMiB(max, true));
        assertEquals(8192L * 1024 * 1024, ShmFormula.B7.sizeBytes(max, true));
    }

    @Test
    void formulasAreNamedB7AndIdd() {
        assertEquals(Optional.of(ShmFormula.B7), ShmFormula.fromId("b7"));
        assertEquals(Optional.of(ShmFormula.IDD), ShmFormula.fromId(" IDD "));
        assertEquals(Optional.empty(), ShmFormula.fromId("b6"));
        assertEquals(Optional.empty(), ShmFormula.fromId(null));
    }
}
