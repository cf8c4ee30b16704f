// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user about outcomes and errors through the desktop's notification server. Every message is also logged
 * (stderr, the journal under systemd; errors as warnings): with no server, or none answering, nothing is lost.
 *
 * <p>Each message concerns a topic (a VM's UUID): a new message replaces the topic's previous one (replaces_id),
 * so repeated clicks or failures do not pile up. Failures are of normal urgency: critical notifications stay until
 * dismissed, which the specification keeps for things like a battery running out. Bodies are escaped, because the
 * server may read them as markup (dunst does: "&lt;shmem …&gt;" would vanish).
 */
public final class DesktopNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final String APP = "lg-tray";
    /** The specification's urgency levels (hint "urgency", a byte). */
    static final byte LOW = 0;
    static final byte NORMAL = 1;
    private final DBusConnection session;
    /** The server's id of each topic's last notification. */
    private final Map<String, UInt32> lastIds = new ConcurrentHashMap<>();

    /** @param session the session bus, or null when there is none (then only stderr) */
    public DesktopNotifier(DBusConnection session) {
        this.session = session;
    }

    /** @return true when a notification server took it */
    public boolean error(String topic, String summary, String body) {
        LOG.warn("{}", line(summary, body));
        return send(topic, summary, body, NORMAL, "lg-tray-error");
    }

    public boolean info(String topic, String summary, String body) {
        LOG.info("{}", line(summary, body));
        return send(topic, summary, body, NORMAL, "lg-tray-idle");
    }

    private static String line(String summary, String body) {
        return summary + (body.isEmpty() ? "" : ": " + body);
    }

    /** The body as the specification's markup subset reads it: our text is plain, so every markup character is escaped. */
    static String escapeBody(String body) {
        return body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private boolean send(String topic, String summary, String body, byte urgency, String icon) {
        if (session == null) {
            return false;
        }
        try {
            NotificationsBus server = session.getRemoteObject(NotificationsBus.BUS_NAME, NotificationsBus.PATH, NotificationsBus.class);
            UInt32 id = server.Notify(APP, lastIds.getOrDefault(topic, new UInt32(0)), icon, summary, escapeBody(body), List.of(),
                    Map.of("urgency", new Variant<>(urgency), "desktop-entry", new Variant<>("lg-tray")), -1);
            lastIds.put(topic, id);
            return true;
        } catch (DBusExecutionException | org.freedesktop.dbus.exceptions.DBusException e) {
            LOG.warn("no notification server answered ({}); the message above is all the user gets", e.getMessage());
            return false;
        }
    }
}
