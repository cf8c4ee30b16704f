// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The session's StatusNotifierItem registry (KDE Plasma, GNOME's AppIndicator extension, waybar, …). */
@DBusInterfaceName("org.kde.StatusNotifierWatcher")
public interface StatusNotifierWatcherBus extends DBusInterface {
    String BUS_NAME = "org.kde.StatusNotifierWatcher";
    String PATH = "/StatusNotifierWatcher";

    void RegisterStatusNotifierItem(String service);
}
