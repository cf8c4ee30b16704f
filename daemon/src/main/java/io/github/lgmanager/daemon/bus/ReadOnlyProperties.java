// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import java.util.Map;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/** org.freedesktop.DBus.Properties for objects whose properties are all read-only snapshots. */
abstract class ReadOnlyProperties implements Properties {

    protected abstract String interfaceName();

    protected abstract Map<String, Variant<?>> properties();

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
        Variant<?> value = properties(iface).get(property);
        if (value == null) {
            throw new org.freedesktop.DBus.Error.UnknownProperty("no property '" + property + "' on " + iface);
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
        properties(iface);
        throw new org.freedesktop.DBus.Error.PropertyReadOnly(
                "property '" + property + "' is read-only; use the interface's methods to change it");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return properties(iface);
    }

    private Map<String, Variant<?>> properties(String iface) {
        if (!interfaceName().equals(iface)) {
            throw new org.freedesktop.DBus.Error.UnknownInterface("no interface '" + iface + "' here");
        }
        return properties();
    }
}
