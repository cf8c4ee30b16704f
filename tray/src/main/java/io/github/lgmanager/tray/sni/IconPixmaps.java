// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The icon as SNI's IconPixmap wants it: ARGB32 in network byte order, several sizes. Sent as pixels because a
 * checkout's icons are not installed in any icon theme the host could look the name up in.
 */
final class IconPixmaps {
    private static final int[] SIZES = {16, 22, 24, 32, 48, 64};

    private IconPixmaps() {
    }

    /** (width, height, bytes) per size. */
    record Pixmap(int width, int height, byte[] argb) {
    }

    static List<Pixmap> of(String iconName) {
        List<Pixmap> out = new ArrayList<>();
        for (int size : SIZES) {
            String resource = "/icons/hicolor/" + size + "x" + size + "/apps/" + iconName + ".png";
            try (InputStream in = IconPixmaps.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + resource);
                }
                out.add(argb(ImageIO.read(in)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Pixmap argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] bytes = new byte[w * h * 4];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y); // already ARGB; written big-endian as the spec asks
                bytes[i++] = (byte) (p >>> 24);
                bytes[i++] = (byte) (p >>> 16);
                bytes[i++] = (byte) (p >>> 8);
                bytes[i++] = (byte) p;
            }
        }
        return new Pixmap(w, h, bytes);
    }
}
