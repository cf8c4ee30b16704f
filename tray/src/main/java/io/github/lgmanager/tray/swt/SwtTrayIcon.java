// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.swt;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.app.MenuModel;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.app.TrayModel;
import io.github.lgmanager.tray.app.TrayView;
import io.github.lgmanager.tray.core.TrayIconState;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SWT's tray icon (XEmbed on GTK: X11 panels, KDE through xembedsniproxy). The menu is rebuilt from the latest
 * model each time it opens, so it never shows stale state.
 */
final class SwtTrayIcon implements TrayView {
    private static final Logger LOG = LoggerFactory.getLogger(SwtTrayIcon.class);
    private final Display display;
    private final TrayActions actions;
    private final SwtUi ui;
    private final Map<TrayIconState, Image> images = new EnumMap<>(TrayIconState.class);
    private TrayItem item;
    private volatile TrayModel model = new TrayModel(List.of(), TrayIconState.IDLE, false);

    SwtTrayIcon(Display display, TrayActions actions, SwtUi ui) {
        this.display = display;
        this.actions = actions;
        this.ui = ui;
        ui.asyncExec(this::create);
    }

    private void create() {
        Tray tray = display.getSystemTray();
        if (tray == null) {
            LOG.warn("this display has no system tray; auto-open keeps working (see --no-tray)");
            return;
        }
        for (TrayIconState state : TrayIconState.values()) {
            images.put(state, load(state.iconName));
        }
        item = new TrayItem(tray, SWT.NONE);
        item.setImage(images.get(TrayIconState.IDLE));
        item.setToolTipText("lg-tray");
        item.addListener(SWT.MenuDetect, e -> showMenu());
        item.addListener(SWT.Selection, e -> showMenu());
        display.addListener(SWT.Dispose, e -> images.values().forEach(Image::dispose));
        render();
    }

    private Image load(String iconName) {
        String resource = "/icons/hicolor/22x22/apps/" + iconName + ".png";
        try (InputStream in = SwtTrayIcon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return new Image(display, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void show(TrayModel newModel) {
        model = newModel;
        ui.asyncExec(this::render);
    }

    private void render() {
        if (item == null || item.isDisposed()) {
            return;
        }
        item.setImage(images.get(model.icon()));
        item.setToolTipText(model.tooltip());
    }

    private void showMenu() {
        Menu menu = new Menu(new org.eclipse.swt.widgets.Shell(display), SWT.POP_UP);
        fill(menu, MenuModel.build(model, ui.user()));
        menu.setVisible(true);
    }

    private void fill(Menu menu, List<MenuModel.Item> items) {
        for (MenuModel.Item entry : items) {
            switch (entry.kind()) {
                case SEPARATOR -> new MenuItem(menu, SWT.SEPARATOR);
                case SUBMENU -> {
                    MenuItem cascade = new MenuItem(menu, SWT.CASCADE);
                    cascade.setText(entry.label());
                    Menu sub = new Menu(menu);
                    cascade.setMenu(sub);
                    fill(sub, entry.children());
                }
                default -> {
                    MenuItem mi = new MenuItem(menu, entry.kind() == MenuModel.Kind.CHECK ? SWT.CHECK : SWT.PUSH);
                    mi.setText(entry.label().replace("&", "&&"));
                    mi.setEnabled(entry.enabled());
                    mi.setSelection(entry.checked());
                    mi.addListener(SWT.Selection, e -> MenuModel.dispatch(entry, actions, this::openSettings));
                }
            }
        }
    }

    private void openSettings(String uuid) {
        model.vms().stream().map(TrayModel.Entry::vm).filter(vm -> vm.uuid().equals(uuid)).findFirst()
                .ifPresent((VmView vm) -> ui.openSettings(actions, vm));
    }
}
