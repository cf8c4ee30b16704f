// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The user's own settings, from {@code $XDG_CONFIG_HOME/lg-manager/tray.properties}:
 * <pre>
 * viewer = looking-glass-client          # program (PATH) and fixed words, whitespace-separated, no shell
 * viewer_options = win:fullScreen=yes    # appended after the VM's client options
 * close_on_display_closed = true         # close the viewer when the VM stops
 * </pre>
 */
public record TraySettings(String viewer, List<String> viewerOptions, boolean closeOnDisplayClosed) {
    public static final TraySettings DEFAULTS = new TraySettings(ViewerCommand.DEFAULT_VIEWER, List.of(), true);
    private static final Set<String> KEYS = Set.of("viewer", "viewer_options", "close_on_display_closed");

    public TraySettings {
        viewerOptions = List.copyOf(viewerOptions);
    }

    /** Parses the file's text; a mistake names the key and the file, and no half-read settings are used. */
    public static TraySettings parse(String text, Path source) throws InvalidSettingsException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingsException(source + ": " + e.getMessage());
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingsException(source + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String viewer = p.getProperty("viewer", DEFAULTS.viewer()).strip();
        if (viewer.isEmpty()) {
            throw new InvalidSettingsException(source + ": viewer is empty; remove the line to use " + ViewerCommand.DEFAULT_VIEWER);
        }
        String close = p.getProperty("close_on_display_closed", "true").strip();
        if (!close.equals("true") && !close.equals("false")) {
            throw new InvalidSettingsException(source + ": close_on_display_closed must be true or false, not '" + close + "'");
        }
        return new TraySettings(viewer, ViewerCommand.split(p.getProperty("viewer_options", "")), Boolean.parseBoolean(close));
    }

    /** Where the file lives: XDG_CONFIG_HOME, else ~/.config. */
    public static Path file(Map<String, String> environment, String home) {
        String xdg = environment.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = xdg.isBlank() ? Path.of(home, ".config") : Path.of(xdg);
        return base.resolve("lg-manager").resolve("tray.properties");
    }

    public TraySettings withViewer(String newViewer) {
        return new TraySettings(newViewer, viewerOptions, closeOnDisplayClosed);
    }

    /** A settings file that cannot be used as written. */
    public static final class InvalidSettingsException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidSettingsException(String message) {
            super(message);
        }
    }
}
