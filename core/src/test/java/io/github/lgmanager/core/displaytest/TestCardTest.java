// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TestCardTest {

    private static int[] bgraAt(byte[] pixels, int width, int x, int y) {
        int i = (y * width + x) * 4;
        return new int[] {pixels[i] & 0xFF, pixels[i + 1] & 0xFF, pixels[i + 2] & 0xFF, pixels[i + 3] & 0xFF};
    }

    @Test
    void barsAreFullIntensityColoursInBgraOrder() {
        byte[] card = TestCard.render(1280, 720, 0);
        assertEquals(1280 * 720 * 4, card.length);
        int y = 240;
        assertArrayEquals(new int[] {255, 255, 255, 255}, bgraAt(card, 1280, 80, y), "white");
        assertArrayEquals(new int[] {0, 255, 255, 255}, bgraAt(card, 1280, 240, y), "yellow");
        assertArrayEquals(new int[] {255, 255, 0, 255}, bgraAt(card, 1280, 400, y), "cyan");
        assertArrayEquals(new int[] {0, 255, 0, 255}, bgraAt(card, 1280, 560, y), "green");
        assertArrayEquals(new int[] {255, 0, 255, 255}, bgraAt(card, 1280, 720, y), "magenta");
        assertArrayEquals(new int[] {0, 0, 255, 255}, bgraAt(card, 1280, 880, y), "red");
        assertArrayEquals(new int[] {255, 0, 0, 255}, bgraAt(card, 1280, 1040, y), "blue");
        assertArrayEquals(new int[] {0, 0, 0, 255}, bgraAt(card, 1280, 1200, y), "black");
    }

    @Test
    void theBlockMovesAFewPixelsEachFrameAndWraps() {
        assertEquals(80, TestCard.blockWidth(1280));
        assertEquals(5, TestCard.blockStep(1280));
        assertEquals(0, TestCard.blockX(1280, 0));
        assertEquals(5, TestCard.blockX(1280, 1));
        assertEquals(1200, TestCard.blockX(1280, 240), "the block's right edge on the card's");
        assertEquals(4, TestCard.blockX(1280, 241), "1205 wrapped over the 1201 positions");
        int y = 600;
        assertEquals(TestCard.BLOCK, TestCard.rgbAt(1280, 720, 10, 50, y));
        assertEquals(TestCard.BAND, TestCard.rgbAt(1280, 720, 10, 49, y));
        assertEquals(TestCard.BAND, TestCard.rgbAt(1280, 720, 10, 130, y));
        assertNotEquals(TestCard.rgbAt(1280, 720, 0, 0, y), TestCard.rgbAt(1280, 720, 20, 0, y));
    }

    @Test
    void theBottomCellsSpellTheFrameNumber() {
        int y = 719;
        long frame = 0b1010_0000_0000_0011L;
        int cell = 1280 / 16;
        assertEquals(TestCard.BIT_ONE, TestCard.rgbAt(1280, 720, frame, cell / 2, y), "bit 15");
        assertEquals(TestCard.BIT_ZERO, TestCard.rgbAt(1280, 720, frame, cell + cell / 2, y), "bit 14");
        assertEquals(TestCard.BIT_ONE, TestCard.rgbAt(1280, 720, frame, 2 * cell + cell / 2, y), "bit 13");
        assertEquals(TestCard.BIT_ONE, TestCard.rgbAt(1280, 720, frame, 14 * cell + cell / 2, y), "bit 1");
        assertEquals(TestCard.BIT_ONE, TestCard.rgbAt(1280, 720, frame, 15 * cell + cell / 2, y), "bit 0");
        assertEquals(TestCard.BIT_ZERO, TestCard.rgbAt(1280, 720, frame, 13 * cell + cell / 2, y), "bit 2");
    }

    @Test
    void renderPaintsEveryPixelAsRgbAtSays() {
        for (int[] size : new int[][] {{37, 23}, {1, 1}, {3, 40}, {200, 7}}) {
            for (long frame : new long[] {0, 5, 70_000}) {
                int w = size[0];
                int h = size[1];
                byte[] card = TestCard.render(w, h, frame);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = TestCard.rgbAt(w, h, frame, x, y);
                        int[] expected = {rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF, 255};
                        assertArrayEquals(expected, bgraAt(card, w, x, y), w + "x" + h + " frame " + frame + " at " + x
                                + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void consecutiveFramesDiffer() {
        assertEquals(false, Arrays.equals(TestCard.render(64, 48, 0), TestCard.render(64, 48, 1)));
    }

    @Test
    void anEmptySizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TestCard.render(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> TestCard.render(10, -1, 0));
    }
}
