// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import io.github.lgmanager.core.settings.ReservedClientOptions;
import java.util.Optional;
import java.util.regex.Pattern;

/** One looking-glass-client option, {@code module:name=value}, passed on the client's command line. */
public record ClientOption(String key, String value) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}:[A-Za-z][A-Za-z0-9]{0,63}");
    private static final String RULE = "use module:name=value such as egl:scale=2 or win:fullScreen=yes";

    public ClientOption {
        String problem = problem(key, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Parses {@code module:name=value} that someone asks to set, refusing what {@link ReservedClientOptions} reserves:
     * the shared-memory file, the SPICE endpoint and the clipboard are not one user's to choose for another.
     */
    public static ClientOption parse(String text) throws InvalidSettingsException {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq < 0) {
            throw new InvalidSettingsException("invalid client option '" + ShmNames.printable(text) + "' (" + RULE + ")");
        }
        ClientOption option = of(text.substring(0, eq).strip(), text.substring(eq + 1));
        Optional<String> reserved = ReservedClientOptions.reason(option.key(), option.value());
        if (reserved.isPresent()) {
            throw new InvalidSettingsException("client option " + option.key() + " is refused: " + reserved.get());
        }
        return option;
    }

    /**
     * An option as stored in a VM's metadata. Reserved ones are kept, so that settings written before they were
     * refused still load; lg-tray does not pass them to the viewer.
     */
    public static ClientOption of(String key, String value) throws InvalidSettingsException {
        String problem = problem(key, value);
        if (problem != null) {
            throw new InvalidSettingsException(problem);
        }
        return new ClientOption(key, value);
    }

    private static String problem(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "invalid client option name '" + ShmNames.printable(key) + "' (" + RULE + ")";
        }
        if (value == null || value.length() > 1024 || value.chars().anyMatch(Character::isISOControl)) {
            return "invalid value for client option " + key + " (at most 1024 characters, no control characters)";
        }
        return null;
    }

    /** The form looking-glass-client takes on its command line. */
    public String argument() {
        return key + "=" + value;
    }
}
