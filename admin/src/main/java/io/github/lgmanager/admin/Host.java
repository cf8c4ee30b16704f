// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import java.nio.file.Path;
import java.util.Map;

/**
 * What lg-admin reads from the machine it runs on, passed in so tests can give their own: the environment, the
 * user running it, and the root under which /sys, /proc and /etc are read (a temporary tree in tests).
 */
public record Host(Map<String, String> env, String userName, Path root) {

    public static Host current() {
        return new Host(System.getenv(), System.getProperty("user.name"), Path.of("/"));
    }

    /** A path such as "sys/class/drm" under the root. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** Colour only for a terminal, and never with NO_COLOR set (https://no-color.org). */
    public boolean colour(boolean terminal) {
        return terminal && !env.containsKey("NO_COLOR");
    }

    /** The person behind this run: SUDO_USER when sudo was used, else the current user. */
    public String invokingUser() {
        String sudo = env.get("SUDO_USER");
        return sudo != null && !sudo.isBlank() ? sudo : userName;
    }
}
