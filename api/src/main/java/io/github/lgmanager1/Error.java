// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * lg-manager's D-Bus errors. dbus-java names an error after its class, '$' read as '.', so this class and
 * package spell the stable names: {@code io.github.lgmanager1.Error.NotFound} and so on. A client with this
 * jar receives instances of these classes; see {@link io.github.lgmanager.api.LgManagerErrors}.
 */
@SuppressWarnings("java:S1192")
public final class Error {
    private Error() {
    }

    /** No VM with that name or path. */
    public static final class NotFound extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    /** A bad resolution, option, user or shm name. */
    public static final class InvalidArgument extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidArgument(String message) {
            super(message);
        }
    }

    /** polkit said no, or the caller dismissed the prompt. */
    public static final class NotAuthorized extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotAuthorized(String message) {
            super(message);
        }
    }

    /** The VM has no Looking Glass device. */
    public static final class NotEnabled extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotEnabled(String message) {
            super(message);
        }
    }

    /** The call needs a running VM. */
    public static final class NotRunning extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotRunning(String message) {
            super(message);
        }
    }

    /** The shared-memory file failed a safety check; nothing was changed. */
    public static final class Unsafe extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Unsafe(String message) {
            super(message);
        }
    }

    /** libvirt refused or is unreachable; its message is quoted. */
    public static final class Libvirt extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Libvirt(String message) {
            super(message);
        }
    }
}
