// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import io.github.lgmanager.tray.app.MenuModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray menu over com.canonical.dbusmenu. Built from the same {@link MenuModel} as the SWT menu; ids are handed
 * out afresh on every rebuild and the revision grows, so a host that clicks an item from an old layout reaches nothing
 * (it asks for the new layout after LayoutUpdated).
 */
final class SniMenu implements DbusMenuBus, Properties {
    private final Consumer<MenuModel.Item> onClick;
    private Map<Integer, MenuModel.Item> byId = Map.of();
    private List<MenuModel.Item> top = List.of();
    private long revision;

    SniMenu(Consumer<MenuModel.Item> onClick) {
        this.onClick = onClick;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    /** @return the new revision, for LayoutUpdated */
    synchronized UInt32 update(List<MenuModel.Item> items) {
        top = List.copyOf(items);
        Map<Integer, MenuModel.Item> ids = new HashMap<>();
        number(top, ids, new int[] {1});
        byId = ids;
        return new UInt32(++revision);
    }

    private static void number(List<MenuModel.Item> items, Map<Integer, MenuModel.Item> ids, int[] next) {
        for (MenuModel.Item item : items) {
            ids.put(next[0]++, item);
            number(item.children(), ids, next);
        }
    }

    private synchronized int idOf(MenuModel.Item item) {
        for (Map.Entry<Integer, MenuModel.Item> e : byId.entrySet()) {
            if (e.getValue() == item) {
                return e.getKey();
            }
        }
        return -1;
    }

    static Map<String, Variant<?>> properties(MenuModel.Item item) {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        switch (item.kind()) {
            case SEPARATOR -> p.put("type", new Variant<>("separator"));
            case SUBMENU -> {
                p.put("label", new Variant<>(item.label().replace("_", "__")));
                p.put("children-display", new Variant<>("submenu"));
            }
            case CHECK -> {
                p.put("label", new Variant<>(item.label().replace("_", "__")));
                p.put("toggle-type", new Variant<>("checkmark"));
                p.put("toggle-state", new Variant<>(item.checked() ? 1 : 0));
            }
            default -> p.put("label", new Variant<>(item.label().replace("_", "__")));
        }
        p.put("enabled", new Variant<>(item.enabled()));
        return p;
    }

    private Layout layout(int id, MenuModel.Item item, List<MenuModel.Item> children, int depth) {
        List<Variant<?>> kids = new ArrayList<>();
        if (depth != 0) {
            for (MenuModel.Item child : children) {
                kids.add(new Variant<>(layout(idOf(child), child, child.children(), depth - 1), "(ia{sv}av)"));
            }
        }
        Map<String, Variant<?>> props = item == null ? Map.of("children-display", new Variant<>("submenu")) : properties(item);
        return new Layout(id, props, kids);
    }

    @Override
    public synchronized LayoutReply<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        if (parentId == 0) {
            return new LayoutReply<>(new UInt32(revision), layout(0, null, top, recursionDepth));
        }
        MenuModel.Item item = byId.get(parentId);
        if (item == null) {
            throw new DBusExecutionException("no menu item " + parentId + " (the menu changed; ask for the root again)");
        }
        return new LayoutReply<>(new UInt32(revision), layout(parentId, item, item.children(), recursionDepth));
    }

    @Override
    public synchronized List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        List<ItemProperties> out = new ArrayList<>();
        for (int id : ids) {
            MenuModel.Item item = byId.get(id);
            if (item != null) {
                out.add(new ItemProperties(id, properties(item)));
            }
        }
        return out;
    }

    @Override
    public synchronized Variant<?> GetProperty(int id, String name) {
        MenuModel.Item item = byId.get(id);
        Variant<?> value = item == null ? null : properties(item).get(name);
        if (value == null) {
            throw new DBusExecutionException("menu item " + id + " has no property '" + name + "'");
        }
        return value;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        MenuModel.Item item;
        synchronized (this) {
            item = byId.get(id);
        }
        if ("clicked".equals(eventId) && item != null && item.enabled()) {
            onClick.accept(item);
        }
    }

    @Override
    public boolean AboutToShow(int id) {
        return false; // the layout is always current: LayoutUpdated is sent on every change
    }

    // org.freedesktop.DBus.Properties for com.canonical.dbusmenu

    private static Map<String, Variant<?>> menuProperties() {
        return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>("ltr"),
                "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(List.of(), "as"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
        Variant<?> v = menuProperties().get(property);
        if (v == null) {
            throw new DBusExecutionException("no property '" + property + "' on " + iface);
        }
        return (A) v;
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
        throw new DBusExecutionException("property '" + property + "' is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return menuProperties();
    }
}
