// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import io.github.lgmanager.tray.app.MenuModel;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.app.TrayModel;
import io.github.lgmanager.tray.app.TrayView;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.List;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray as a StatusNotifierItem with a DBusMenu, for desktops whose tray speaks SNI (KDE Plasma, GNOME with the
 * AppIndicator extension, waybar). SWT still draws the Settings dialog.
 */
public final class SniTray implements TrayView {
    private static final Logger LOG = LoggerFactory.getLogger(SniTray.class);
    private final DBusConnection session;
    private final String user;
    private final SniItem item;
    private final SniMenu menu;
    private volatile TrayModel model;
    private TrayIconState shownIcon;

    private SniTray(DBusConnection session, TrayActions actions, String user, Consumer<String> settings) {
        this.session = session;
        this.user = user;
        this.menu = new SniMenu(clicked -> MenuModel.dispatch(clicked, actions, settings));
        this.item = new SniItem(() -> activate(actions));
    }

    /** True when an SNI watcher runs on this session bus: then hosts can show our item. Never throws. */
    public static boolean hostPresent(DBusConnection session) {
        try {
            DBus bus = session.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return bus.NameHasOwner(StatusNotifierWatcherBus.BUS_NAME);
        } catch (DBusException | DBusExecutionException e) {
            return false;
        }
    }

    /**
     * Exports the item and its menu and registers with the watcher.
     *
     * @param settings opens the Settings dialog for a VM (its UUID)
     */
    public static SniTray register(DBusConnection session, TrayActions actions, String user, Consumer<String> settings)
            throws DBusException {
        SniTray tray = new SniTray(session, actions, user, settings);
        tray.show(new TrayModel(List.of(), TrayIconState.IDLE, false));
        session.exportObject(tray.item);
        session.exportObject(tray.menu);
        // The spec's name form; hosts find the item at /StatusNotifierItem under it.
        String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        session.requestBusName(name);
        registerWithWatcher(session, name);
        // A panel that restarts (or starts after us, at login) brings a new watcher with an empty list: every item
        // registers again with it, as the specification expects of items.
        session.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (StatusNotifierWatcherBus.BUS_NAME.equals(signal.name) && !signal.newOwner.isEmpty()) {
                try {
                    registerWithWatcher(session, name);
                    LOG.info("registered again with the new StatusNotifierWatcher");
                } catch (DBusException e) {
                    LOG.warn("{}", e.getMessage());
                }
            }
        });
        return tray;
    }

    /** Attempts before giving up on a watcher that owns its name but does not answer yet (it is starting). */
    private static final int REGISTER_ATTEMPTS = 10;
    private static final long REGISTER_PAUSE_MILLIS = 300;

    private static void registerWithWatcher(DBusConnection session, String name) throws DBusException {
        for (int attempt = 1; ; attempt++) {
            try {
                session.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH,
                        StatusNotifierWatcherBus.class).RegisterStatusNotifierItem(name);
                return;
            } catch (DBusExecutionException e) {
                if (attempt == REGISTER_ATTEMPTS) {
                    throw new DBusException("the StatusNotifierWatcher refused our item: " + e.getMessage());
                }
            }
            try {
                Thread.sleep(REGISTER_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DBusException("interrupted while registering with the StatusNotifierWatcher");
            }
        }
    }

    private void activate(TrayActions actions) {
        TrayModel m = model;
        List<TrayModel.Entry> running = m.vms().stream()
                .filter(e -> e.vm().running() && e.vm().enabled() && e.vm().users().contains(user)).toList();
        if (running.size() == 1) {
            actions.openDisplay(running.get(0).vm().uuid());
        }
    }

    @Override
    public synchronized void show(TrayModel newModel) {
        model = newModel;
        item.update(newModel);
        UInt32 revision = menu.update(MenuModel.build(newModel, user));
        try {
            session.sendMessage(new DbusMenuBus.LayoutUpdated(DbusMenuBus.PATH, revision, 0));
            if (newModel.icon() != shownIcon) {
                shownIcon = newModel.icon();
                session.sendMessage(new StatusNotifierItemBus.NewIcon(StatusNotifierItemBus.PATH));
                session.sendMessage(new StatusNotifierItemBus.NewStatus(StatusNotifierItemBus.PATH,
                        shownIcon == TrayIconState.ERROR ? "NeedsAttention" : "Active"));
            }
            session.sendMessage(new StatusNotifierItemBus.NewToolTip(StatusNotifierItemBus.PATH));
        } catch (DBusException e) {
            LOG.warn("cannot announce the tray's new state to the StatusNotifierItem host: {}", e.getMessage());
        }
    }
}
