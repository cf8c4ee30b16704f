// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.api.LgManagerErrors;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * A failed call in words for the person at the desktop. The daemon's refusals are written for an administrator at a
 * terminal (polkit action ids, error names, files); the tray says what was refused and who can allow it.
 */
final class Refusals {
    private Refusals() {
    }

    /** The notification body for a call that failed. */
    static String explain(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!(e instanceof DBusExecutionException d)) {
            return message;
        }
        String name = LgManagerErrors.nameOf(d);
        if (LgManagerErrors.NOT_AUTHORIZED.equals(name)) {
            return notAllowed(message);
        }
        String kind = d.getClass().getSimpleName(); // dbus-java names its classes after the bus's error names
        if (kind.equals("ServiceUnknown") || kind.equals("NoReply") || kind.equals("NameHasNoOwner")) {
            return "lg-daemon is not running or did not answer. Ask an administrator to start it (systemctl start lg-daemon).";
        }
        return message;
    }

    /** The daemon's four NotAuthorized cases (PolkitAuthorizer), told apart by what it says. */
    private static String notAllowed(String daemonSays) {
        if (daemonSays.contains("authentication is required")) {
            return "This needs your password, but no password prompt could be shown: no authentication agent runs in"
                    + " your desktop session. Log in to a desktop that has one, or ask an administrator to allow it"
                    + " without a password.";
        }
        if (daemonSays.contains("the password prompt was dismissed")) {
            return "The password dialog was closed, so nothing was changed.";
        }
        if (daemonSays.contains("polkit could not decide")) {
            return "The system's permission service (polkit) did not answer. Ask an administrator to check it.";
        }
        return "Your account is not allowed to do this, or the password was not accepted. An administrator can allow"
                + " it for you.";
    }
}
