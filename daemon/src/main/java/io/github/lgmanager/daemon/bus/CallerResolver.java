// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.auth.Caller;
import org.freedesktop.dbus.DBusCallInfo;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;

/** Identifies the caller of the D-Bus method running on this thread; the uid comes from the bus daemon itself. */
final class CallerResolver {
    /** Message header flag ALLOW_INTERACTIVE_AUTHORIZATION (D-Bus specification). */
    private static final int ALLOW_INTERACTIVE_AUTHORIZATION = 0x4;
    private final DBus bus;

    CallerResolver(DBusConnection connection) throws DBusException {
        this.bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
    }

    Caller current() {
        DBusCallInfo info = AbstractConnectionBase.getCallInfo();
        String source = info.getSource();
        int uid = bus.GetConnectionUnixUser(source).intValue();
        return new Caller(source, uid, (info.getFlags() & ALLOW_INTERACTIVE_AUTHORIZATION) != 0);
    }
}
