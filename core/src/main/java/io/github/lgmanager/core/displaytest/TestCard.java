// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import java.util.List;

/**
 * The picture for frame N, as BGRA bytes. Top two thirds: eight full-intensity bars (white, yellow, cyan, green,
 * magenta, red, blue, black) whose exact colours a screenshot can check. Then a dark band with a white block
 * that moves right a few pixels per frame (motion). At the bottom, sixteen cells spelling the frame number's low
 * 16 bits, most significant first, white for 1 (which frame a screenshot caught).
 */
public final class TestCard {
    /** The bars' colours, 0xRRGGBB, left to right. */
    public static final List<Integer> BARS = List.of(0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000,
            0x0000FF, 0x000000);
    public static final int BAND = 0x202020;
    public static final int BLOCK = 0xFFFFFF;
    public static final int BIT_ONE = 0xFFFFFF;
    public static final int BIT_ZERO = 0x000000;
    public static final int COUNTER_BITS = 16;

    private TestCard() {
    }

    /** The whole frame, row by row, 4 bytes a pixel: blue, green, red, alpha (opaque). */
    public static byte[] render(int width, int height, long frame) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a test card needs a positive size, not " + width + "x" + height);
        }
        int rowBytes = width * 4;
        byte[] pixels = new byte[Math.multiplyExact(rowBytes, height)];
        int y = 0;
        while (y < height) {
            // every row of a region is the same, so one row is computed and copied down the region
            int regionEnd = regionEnd(height, y);
            byte[] row = row(width, height, frame, y);
            for (int r = y; r < regionEnd; r++) {
                System.arraycopy(row, 0, pixels, r * rowBytes, rowBytes);
            }
            y = regionEnd;
        }
        return pixels;
    }

    /** The colour of one pixel, 0xRRGGBB: the definition {@link #render} follows. */
    public static int rgbAt(int width, int height, long frame, int x, int y) {
        if (y < barsEnd(height)) {
            return BARS.get((int) ((long) x * BARS.size() / width));
        }
        if (y < counterStart(height)) {
            int block = blockX(width, frame);
            return x >= block && x < block + blockWidth(width) ? BLOCK : BAND;
        }
        int cell = (int) ((long) x * COUNTER_BITS / width);
        int bit = COUNTER_BITS - 1 - cell;
        return ((frame >>> bit) & 1) == 1 ? BIT_ONE : BIT_ZERO;
    }

    /** Left edge of the moving block in frame N: it advances {@link #blockStep} pixels a frame and wraps. */
    public static int blockX(int width, long frame) {
        long travel = width - blockWidth(width) + 1L;
        return (int) Math.floorMod(frame * blockStep(width), travel);
    }

    public static int blockWidth(int width) {
        return Math.max(1, width / 16);
    }

    public static int blockStep(int width) {
        return Math.max(1, width / 256);
    }

    /** First row below the bars. */
    public static int barsEnd(int height) {
        return height * 2 / 3;
    }

    /** First row of the frame counter. */
    public static int counterStart(int height) {
        return height - Math.max(1, height / 12);
    }

    private static int regionEnd(int height, int y) {
        if (y < barsEnd(height)) {
            return barsEnd(height);
        }
        return y < counterStart(height) ? counterStart(height) : height;
    }

    private static byte[] row(int width, int height, long frame, int y) {
        byte[] row = new byte[width * 4];
        for (int x = 0; x < width; x++) {
            int rgb = rgbAt(width, height, frame, x, y);
            row[4 * x] = (byte) rgb;
            row[4 * x + 1] = (byte) (rgb >> 8);
            row[4 * x + 2] = (byte) (rgb >> 16);
            row[4 * x + 3] = (byte) 0xFF;
        }
        return row;
    }
}
