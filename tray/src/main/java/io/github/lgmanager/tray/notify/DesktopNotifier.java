// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user about errors through the desktop's notification server. Every message is also logged (stderr, the
 * journal under systemd; errors as warnings): with no server, or none answering, nothing is lost.
 */
public final class DesktopNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final String APP = "lg-tray";
    private final DBusConnection session;

    /** @param session the session bus, or null when there is none (then only stderr) */
    public DesktopNotifier(DBusConnection session) {
        this.session = session;
    }

    /** @return true when a notification server took it */
    public boolean error(String summary, String body) {
        LOG.warn("{}", line(summary, body));
        return send(summary, body, (byte) 2, "lg-tray-error");
    }

    public boolean info(String summary, String body) {
        LOG.info("{}", line(summary, body));
        return send(summary, body, (byte) 1, "lg-tray-idle");
    }

    private static String line(String summary, String body) {
        return summary + (body.isEmpty() ? "" : ": " + body);
    }

    private boolean send(String summary, String body, byte urgency, String icon) {
        if (session == null) {
            return false;
        }
        try {
            NotificationsBus server = session.getRemoteObject(NotificationsBus.BUS_NAME, NotificationsBus.PATH, NotificationsBus.class);
            server.Notify(APP, new UInt32(0), icon, summary, body, List.of(),
                    Map.of("urgency", new Variant<>(urgency), "desktop-entry", new Variant<>("lg-tray")), -1);
            return true;
        } catch (DBusExecutionException | org.freedesktop.dbus.exceptions.DBusException e) {
            LOG.warn("no notification server answered ({}); the message above is all the user gets", e.getMessage());
            return false;
        }
    }
}
