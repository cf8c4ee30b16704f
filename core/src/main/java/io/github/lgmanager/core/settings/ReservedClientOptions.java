// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * looking-glass-client options a VM's settings may not carry: lg-daemon refuses to store them, and lg-tray never
 * passes them from a VM's settings to a viewer (settings stored before the refusal still load). A VM's client options
 * are set once and given to the viewer of every listed user; these would let whoever sets them choose where another
 * user's viewer reads frames from and sends keystrokes to, or what it does with that user's clipboard. A user's own
 * options (lg-tray's viewer_options, their client.ini) are theirs to choose and are not limited.
 *
 * <p>The client matches {@code module:name} case-insensitively (B6 and later), so the keys here are compared the same
 * way. Its short flags ({@code -f -c -p -C}) cannot be written as a VM option: a key must be {@code module:name}.
 */
public final class ReservedClientOptions {

    private static final String ENDPOINT = "lg-manager sets the shared-memory file and SPICE endpoint itself; a listed"
            + " user could otherwise point another user's viewer elsewhere";
    private static final String CLIPBOARD = "clipboard sharing is each user's own choice (their client.ini or the"
            + " tray's viewer_options); a listed user could otherwise make another user's viewer share their clipboard"
            + " with the VM";
    private static final Map<String, String> REASONS = Map.of(
            "app:shmfile", ENDPOINT,
            "lgmp:shmdevice", ENDPOINT, // app:shmFile's name after B7
            "spice:host", ENDPOINT,
            "spice:port", ENDPOINT,
            "app:configfile", "a config file can set anything, the shared-memory file and SPICE endpoint included; "
                    + ENDPOINT,
            "spice:clipboard", CLIPBOARD,
            "spice:clipboardtovm", CLIPBOARD,
            "spice:clipboardtolocal", CLIPBOARD);
    /** What the client's boolean parser reads as true; anything else is false. */
    private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

    private ReservedClientOptions() {
    }

    /** Why {@code key=value} may not be a VM's client option, or empty if it may. */
    public static Optional<String> reason(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("clipboard:")) { // after B7 the spice:clipboard* options live in their own module
            return Optional.of(CLIPBOARD);
        }
        if (k.equals("spice:enable") && TRUE.contains(value.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("lg-manager switches SPICE on when the VM has SPICE graphics and off when it has none;"
                    + " switched on without them the viewer sends a user's input to 127.0.0.1:5900, maybe another"
                    + " user's VM (spice:enable=no is allowed)");
        }
        return Optional.ofNullable(REASONS.get(k));
    }
}
