// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code --resolution auto}: the largest mode among the connected monitors, from the kernel's DRM connectors
 * ({@code class/drm/CARD-CONNECTOR/status} is "connected", {@code modes} lists "WxH" lines).
 */
public final class MonitorModes {
    private MonitorModes() {
    }

    /** A connected monitor's largest mode. */
    public record Monitor(String connector, Resolution largest) {
    }

    /** The connected monitors under sysfsClassDrm (e.g. /sys/class/drm), in connector order. */
    public static List<Monitor> connected(Path sysfsClassDrm) {
        List<Monitor> monitors = new ArrayList<>();
        if (!Files.isDirectory(sysfsClassDrm)) {
            return monitors;
        }
        try (Stream<Path> entries = Files.list(sysfsClassDrm)) {
            for (Path connector : entries.sorted().toList()) {
                if (!read(connector.resolve("status")).strip().equals("connected")) {
                    continue;
                }
                largest(read(connector.resolve("modes"))).ifPresent(r ->
                        monitors.add(new Monitor(connector.getFileName().toString(), r)));
            }
        } catch (IOException e) {
            return monitors;
        }
        return monitors;
    }

    /** The largest (by pixel count, then width) of the connected monitors' modes. */
    public static Optional<Monitor> largest(Path sysfsClassDrm) {
        return connected(sysfsClassDrm).stream().max(Comparator.comparing(Monitor::largest, BY_AREA));
    }

    /** Parses "auto" against the monitors, anything else as a resolution; the message says what "auto" chose. */
    public static Chosen parse(String text, Path sysfsClassDrm) throws InvalidResolutionException {
        if (text != null && text.strip().equalsIgnoreCase("auto")) {
            Monitor m = largest(sysfsClassDrm).orElseThrow(() -> new InvalidResolutionException(
                    "--resolution auto found no connected monitor with modes in " + sysfsClassDrm
                            + "; give the resolution as WIDTHxHEIGHT or a preset (1080p, 1440p, 4k, ...)"));
            return new Chosen(m.largest(), Optional.of("resolution auto: " + m.largest() + " (largest mode of "
                    + m.connector() + ")"));
        }
        return new Chosen(Resolution.parse(text), Optional.empty());
    }

    /** A resolution, and when "auto" chose it, the line saying so. */
    public record Chosen(Resolution resolution, Optional<String> explanation) {
    }

    private static final Comparator<Resolution> BY_AREA =
            Comparator.comparingLong((Resolution r) -> (long) r.width() * r.height()).thenComparingInt(Resolution::width);

    private static Optional<Resolution> largest(String modes) {
        return modes.lines().map(String::strip).filter(l -> !l.isEmpty()).map(MonitorModes::mode)
                .flatMap(Optional::stream).max(BY_AREA);
    }

    /** "1920x1080" or "1920x1080i" (interlaced); anything else is ignored. */
    private static Optional<Resolution> mode(String line) {
        String plain = line.endsWith("i") ? line.substring(0, line.length() - 1) : line;
        try {
            return Optional.of(Resolution.parse(plain));
        } catch (InvalidResolutionException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
