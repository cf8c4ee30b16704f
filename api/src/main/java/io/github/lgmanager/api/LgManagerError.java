package io.github.lgmanager.api;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * A failure the daemon reports to a caller, under one of the stable D-Bus error names below. Clients see the
 * name in {@link DBusExecutionException#getType()} and the one-line message (problem and way out).
 */
public final class LgManagerError extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "io.github.lgmanager1.Error.";
    public static final String NOT_FOUND = PREFIX + "NotFound";
    public static final String INVALID_ARGUMENT = PREFIX + "InvalidArgument";
    public static final String NOT_AUTHORIZED = PREFIX + "NotAuthorized";
    public static final String NOT_ENABLED = PREFIX + "NotEnabled";
    public static final String NOT_RUNNING = PREFIX + "NotRunning";
    public static final String UNSAFE = PREFIX + "Unsafe";
    public static final String LIBVIRT = PREFIX + "Libvirt";

    public LgManagerError(String errorName, String message) {
        super(message);
        setType(errorName);
    }

    public static LgManagerError notFound(String message) {
        return new LgManagerError(NOT_FOUND, message);
    }

    public static LgManagerError invalidArgument(String message) {
        return new LgManagerError(INVALID_ARGUMENT, message);
    }

    public static LgManagerError notAuthorized(String message) {
        return new LgManagerError(NOT_AUTHORIZED, message);
    }

    public static LgManagerError notEnabled(String message) {
        return new LgManagerError(NOT_ENABLED, message);
    }

    public static LgManagerError notRunning(String message) {
        return new LgManagerError(NOT_RUNNING, message);
    }

    public static LgManagerError unsafe(String message) {
        return new LgManagerError(UNSAFE, message);
    }

    public static LgManagerError libvirt(String message) {
        return new LgManagerError(LIBVIRT, message);
    }
}
