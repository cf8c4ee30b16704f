// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.sizing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A guest display resolution in pixels. */
public record Resolution(int width, int height) {

    /** QEMU and the Looking Glass host cannot use more; it also keeps every size computation in a long. */
    public static final int MAX_SIDE = 16384;

    private static final Map<String, Resolution> PRESETS = new LinkedHashMap<>();
    static {
        PRESETS.put("1080p", new Resolution(1920, 1080));
        PRESETS.put("1200p", new Resolution(1920, 1200));
        PRESETS.put("1440p", new Resolution(2560, 1440));
        PRESETS.put("3440x1440", new Resolution(3440, 1440));
        PRESETS.put("4k", new Resolution(3840, 2160));
        PRESETS.put("5k", new Resolution(5120, 2880));
        PRESETS.put("8k", new Resolution(7680, 4320));
    }

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*[x\u00d7]\\s*(\\d+)");

    private static final String ACCEPTED =
            "use WIDTHxHEIGHT such as 2560x1440, or one of " + String.join(", ", PRESETS.keySet());

    public Resolution {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("resolution " + width + "x" + height
                    + " out of range: each side must be 1 to " + MAX_SIDE + " pixels");
        }
    }

    /** The presets lg-admin offers, in the order it lists them. */
    public static Map<String, Resolution> presets() {
        return Collections.unmodifiableMap(PRESETS);
    }

    /** Parses {@code WIDTHxHEIGHT} (also with {@code ×}, any case) or a preset name. */
    public static Resolution parse(String text) throws InvalidResolutionException {
        if (text == null) {
            throw new InvalidResolutionException("no resolution given (" + ACCEPTED + ")");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        Resolution preset = PRESETS.get(t);
        if (preset != null) {
            return preset;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new InvalidResolutionException("invalid resolution '" + text + "' (" + ACCEPTED + ")");
        }
        long w = parseSide(m.group(1));
        long h = parseSide(m.group(2));
        if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new InvalidResolutionException("invalid resolution '" + text
                    + "': each side must be 1 to " + MAX_SIDE + " pixels (" + ACCEPTED + ")");
        }
        return new Resolution((int) w, (int) h);
    }

    private static long parseSide(String digits) {
        // More than 6 digits is always over the limit; saying so avoids overflowing a long.
        return digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
