// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.polkit.PolkitAuthority;
import io.github.lgmanager.tray.core.Permission;
import io.github.lgmanager.tray.core.Permissions;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Asks polkitd, without interaction, what it would answer the daemon about this tray's calls: the subject is the
 * tray's own connection to the system bus, the one the daemon sees as caller. polkit lets any process ask about
 * itself. The answer only greys menu items; the daemon still decides every call.
 */
public final class PermissionCheck {
    private final DBusConnection connection;

    PermissionCheck(DBusConnection connection) {
        this.connection = connection;
    }

    public Permissions now() {
        try {
            PolkitAuthority authority = connection.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH,
                    PolkitAuthority.class);
            return new Permissions(ask(authority, Action.CONFIGURE), ask(authority, Action.CONTROL));
        } catch (DBusException | DBusExecutionException e) {
            return Permissions.UNKNOWN; // no polkitd (a private bus in tests): offer everything, the daemon decides
        }
    }

    private Permission ask(PolkitAuthority authority, Action action) {
        PolkitAuthority.AuthorizationResult result = authority.CheckAuthorization(
                PolkitAuthority.Subject.busName(connection.getUniqueName()), action.id(), Map.of(), PolkitAuthority.NO_FLAGS, "");
        return Permission.of(result.isAuthorized(), result.isChallenge());
    }
}
