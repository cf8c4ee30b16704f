// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/** org.kde.StatusNotifierItem, as the freedesktop StatusNotifierItem specification defines it; properties via Properties. */
@DBusInterfaceName(StatusNotifierItemBus.INTERFACE)
public interface StatusNotifierItemBus extends DBusInterface {
    String INTERFACE = "org.kde.StatusNotifierItem";
    String PATH = "/StatusNotifierItem";

    void ContextMenu(int x, int y);

    void Activate(int x, int y);

    void SecondaryActivate(int x, int y);

    void Scroll(int delta, String orientation);

    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    class NewStatus extends DBusSignal {
        private final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }

        public String getStatus() {
            return status;
        }
    }
}
