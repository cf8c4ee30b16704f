// SPDX-License-Identifier: Apache-2.0
package org.freedesktop.DBus;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard org.freedesktop.DBus.Error names our Properties implementation answers with. dbus-java names an
 * error after its class ('$' read as '.'), so the standard names need classes in this package.
 */
public final class Error {
    private Error() {
    }

    public static final class UnknownProperty extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public UnknownProperty(String message) {
            super(message);
        }
    }

    public static final class UnknownInterface extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public UnknownInterface(String message) {
            super(message);
        }
    }

    public static final class PropertyReadOnly extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public PropertyReadOnly(String message) {
            super(message);
        }
    }
}
