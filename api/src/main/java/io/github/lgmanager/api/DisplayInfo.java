// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * What a viewer needs, as RequestOpen returns it: one a{sv} argument with "shm_path" (s), "spice_host" (s) and
 * "spice_port" (i); spicePort 0 means spiceHost is a UNIX socket path. A dictionary because it is the one reply
 * shape dbus-java 5.2 both sends and introspects as declared: a Struct goes out as one (ssi) value while its
 * introspection lists three, and a generic Tuple goes out as three values while its introspection lists six.
 */
public record DisplayInfo(String shmPath, String spiceHost, int spicePort) {
    public static final String SHM_PATH = "shm_path";
    public static final String SPICE_HOST = "spice_host";
    public static final String SPICE_PORT = "spice_port";

    public Map<String, Variant<?>> toReply() {
        return Map.of(SHM_PATH, new Variant<>(shmPath), SPICE_HOST, new Variant<>(spiceHost),
                SPICE_PORT, new Variant<>(spicePort));
    }

    /** Reads a reply; a missing or mistyped entry is an error naming it, not a ClassCastException. */
    public static DisplayInfo fromReply(Map<String, ?> reply) {
        return new DisplayInfo(value(reply, SHM_PATH, String.class), value(reply, SPICE_HOST, String.class),
                value(reply, SPICE_PORT, Integer.class));
    }

    private static <T> T value(Map<String, ?> reply, String key, Class<T> type) {
        Object raw = reply.get(key);
        Object value = raw instanceof Variant<?> v ? v.getValue() : raw;
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("RequestOpen's reply has no " + type.getSimpleName() + " '" + key
                    + "' (got " + value + "): is lg-daemon the same version as its callers?");
        }
        return type.cast(value);
    }

    public String getShmPath() {
        return shmPath;
    }

    public String getSpiceHost() {
        return spiceHost;
    }

    public int getSpicePort() {
        return spicePort;
    }
}
