// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import io.github.lgmanager.tray.app.TrayModel;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/** The exported StatusNotifierItem: its properties come from the latest {@link TrayModel}. */
final class SniItem implements StatusNotifierItemBus, Properties {
    /** (iiay): one icon size. */
    public static final class Pixmap extends Struct {
        @Position(0)
        public final int width;
        @Position(1)
        public final int height;
        @Position(2)
        public final byte[] data;

        public Pixmap(int width, int height, byte[] data) {
            this.width = width;
            this.height = height;
            this.data = data;
        }
    }

    /** (sa(iiay)ss): icon name, pixmaps, title, text. */
    public static final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;
        @Position(1)
        public final List<Pixmap> pixmaps;
        @Position(2)
        public final String title;
        @Position(3)
        public final String text;

        public ToolTip(String iconName, List<Pixmap> pixmaps, String title, String text) {
            this.iconName = iconName;
            this.pixmaps = pixmaps;
            this.title = title;
            this.text = text;
        }
    }

    private final Runnable activate;
    private volatile TrayModel model = new TrayModel(List.of(), TrayIconState.IDLE, false);

    SniItem(Runnable activate) {
        this.activate = activate;
    }

    void update(TrayModel newModel) {
        model = newModel;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public void ContextMenu(int x, int y) {
        // ItemIsMenu: hosts show the DBusMenu themselves
    }

    /** A left click: "Open display" for the one running VM, when there is exactly one. */
    @Override
    public void Activate(int x, int y) {
        activate.run();
    }

    @Override
    public void SecondaryActivate(int x, int y) {
        activate.run();
    }

    @Override
    public void Scroll(int delta, String orientation) {
        // nothing to scroll through
    }

    private static List<Pixmap> pixmaps(String iconName) {
        List<Pixmap> out = new ArrayList<>();
        for (IconPixmaps.Pixmap p : IconPixmaps.of(iconName)) {
            out.add(new Pixmap(p.width(), p.height(), p.argb()));
        }
        return out;
    }

    Map<String, Variant<?>> properties() {
        TrayModel m = model;
        String icon = m.icon().iconName;
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Category", new Variant<>("ApplicationStatus"));
        p.put("Id", new Variant<>("lg-tray"));
        p.put("Title", new Variant<>("Looking Glass"));
        p.put("Status", new Variant<>(m.icon() == TrayIconState.ERROR ? "NeedsAttention" : "Active"));
        p.put("WindowId", new Variant<>(0));
        p.put("IconName", new Variant<>(icon));
        p.put("IconPixmap", new Variant<>(pixmaps(icon), "a(iiay)"));
        p.put("AttentionIconName", new Variant<>(TrayIconState.ERROR.iconName));
        p.put("ToolTip", new Variant<>(new ToolTip(icon, List.of(), "lg-tray", m.tooltip()), "(sa(iiay)ss)"));
        p.put("ItemIsMenu", new Variant<>(true));
        p.put("Menu", new Variant<>(new DBusPath(DbusMenuBus.PATH)));
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
        Variant<?> v = properties().get(property);
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
        return properties();
    }
}
