// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** The part of the Desktop Notifications specification (org.freedesktop.Notifications, session bus) the tray uses. */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface NotificationsBus extends DBusInterface {
    String BUS_NAME = "org.freedesktop.Notifications";
    String PATH = "/org/freedesktop/Notifications";

    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
            Map<String, Variant<?>> hints, int expireTimeout);

    List<String> GetCapabilities();
}
