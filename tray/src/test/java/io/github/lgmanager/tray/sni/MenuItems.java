// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/** Reads a dbusmenu the way a desktop's tray host does: its labels, and the id of the item to click. */
public final class MenuItems {

    private MenuItems() {
    }

    /** Every label in a layout as a host receives it: children are variants of (ia{sv}av), read as Object[]. */
    public static List<String> labels(Object node) {
        List<String> out = new java.util.ArrayList<>();
        Map<?, ?> properties;
        List<?> children;
        if (node instanceof DbusMenuBus.Layout layout) {
            properties = layout.properties;
            children = layout.children;
        } else {
            Object[] fields = (Object[]) node;
            properties = (Map<?, ?>) fields[1];
            children = (List<?>) fields[2];
        }
        if (properties.get("label") instanceof Variant<?> label) {
            out.add(String.valueOf(label.getValue()));
        }
        for (Object child : children) {
            out.addAll(labels(child instanceof Variant<?> v ? v.getValue() : child));
        }
        return out;
    }

    public static int findId(DbusMenuBus menu, String label) {
        for (int id = 1; id < 100; id++) {
            List<DbusMenuBus.ItemProperties> props = menu.GetGroupProperties(List.of(id), List.of());
            if (!props.isEmpty() && props.get(0).properties.get("label") != null
                    && label.equals(props.get(0).properties.get("label").getValue())) {
                return id;
            }
        }
        throw new AssertionError("no menu item labelled " + label);
    }
}
