// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import io.github.lgmanager1.Error;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** The stable error names of io.github.lgmanager1, and how to read the name of any D-Bus error dbus-java raised. */
public final class LgManagerErrors {
    private static final String PREFIX = "io.github.lgmanager1.Error.";
    public static final String NOT_FOUND = PREFIX + "NotFound";
    public static final String INVALID_ARGUMENT = PREFIX + "InvalidArgument";
    public static final String NOT_AUTHORIZED = PREFIX + "NotAuthorized";
    public static final String NOT_ENABLED = PREFIX + "NotEnabled";
    public static final String NOT_RUNNING = PREFIX + "NotRunning";
    public static final String UNSAFE = PREFIX + "Unsafe";
    public static final String LIBVIRT = PREFIX + "Libvirt";

    private LgManagerErrors() {
    }

    /** The D-Bus error name: dbus-java raises a class named after it, with '$' for the last dot. */
    public static String nameOf(DBusExecutionException e) {
        return e.getClass().getName().replace('$', '.');
    }

    public static DBusExecutionException notFound(String message) {
        return new Error.NotFound(message);
    }

    public static DBusExecutionException invalidArgument(String message) {
        return new Error.InvalidArgument(message);
    }

    public static DBusExecutionException notAuthorized(String message) {
        return new Error.NotAuthorized(message);
    }

    public static DBusExecutionException notEnabled(String message) {
        return new Error.NotEnabled(message);
    }

    public static DBusExecutionException notRunning(String message) {
        return new Error.NotRunning(message);
    }

    public static DBusExecutionException unsafe(String message) {
        return new Error.Unsafe(message);
    }

    public static DBusExecutionException libvirt(String message) {
        return new Error.Libvirt(message);
    }
}
