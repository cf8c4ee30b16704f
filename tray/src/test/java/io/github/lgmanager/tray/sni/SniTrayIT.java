// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.app.TrayModel;
import io.github.lgmanager.tray.core.TestVm;
import io.github.lgmanager.tray.core.TrayIconState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SNI backend registered with a real StatusNotifierWatcher (Debian's status-notifier-watcher) on a private
 * session bus, read and clicked the way a host does: through the watcher, Properties, GetLayout and Event.
 */
class SniTrayIT {
    private static final VmView WIN11 = TestVm.named("win11").running(true).build();
    private PrivateDbusDaemon session;
    private Process watcher;
    private DBusConnection trayConnection;
    private DBusConnection host;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records what the menu asked for. */
    private final TrayActions actions = new TrayActions() {
        @Override
        public void openDisplay(String vm) {
            calls.add("open " + vm);
        }

        @Override
        public void setAutoOpen(String vm, boolean on) {
            calls.add("autoOpen " + vm + " " + on);
        }

        @Override
        public void setDisplay(String vm, boolean on) {
            calls.add("display " + vm + " " + on);
        }

        @Override
        public void start(String vm) {
            calls.add("start " + vm);
        }

        @Override
        public void shutdown(String vm) {
            calls.add("shutdown " + vm);
        }

        @Override
        public java.util.concurrent.CompletableFuture<java.util.Optional<String>> applySettings(String vm, int width, int height,
                boolean hdr, List<String> clientOptions, List<String> users) {
            calls.add("settings " + vm);
            return java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());
        }

        @Override
        public int computeShmSize(int width, int height, boolean hdr, String formula) {
            return 32;
        }

        @Override
        public void quit() {
            calls.add("quit");
        }
    };

    @BeforeEach
    void startWatcher() throws Exception {
        session = PrivateDbusDaemon.start();
        trayConnection = DBusConnectionBuilder.forAddress(session.address()).withShared(false).build();
        host = DBusConnectionBuilder.forAddress(session.address()).withShared(false).build();
        launchWatcher();
    }

    /** Starts status-notifier-watcher on the test's session bus and waits until it serves its object. */
    private void launchWatcher() throws Exception {
        String program = Prerequisite.program("/usr/bin/status-notifier-watcher", "haskell-status-notifier-item-utils").toString();
        ProcessBuilder builder = new ProcessBuilder(program).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", session.address());
        watcher = builder.start();
        DBus bus = host.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // it takes its name a moment before it serves its object: a call in between fails with no message
        while (!watcherAnswers(bus)) {
            if (System.nanoTime() > deadline || !watcher.isAlive()) {
                throw new AssertionError("status-notifier-watcher did not serve " + StatusNotifierWatcherBus.BUS_NAME);
            }
            Thread.sleep(50);
        }
    }

    private boolean watcherAnswers(DBus bus) {
        if (!bus.NameHasOwner(StatusNotifierWatcherBus.BUS_NAME)) {
            return false;
        }
        try {
            host.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH, Properties.class)
                    .Get("org.kde.StatusNotifierWatcher", "ProtocolVersion");
            return true;
        } catch (DBusException | RuntimeException e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws Exception {
        trayConnection.close();
        host.close();
        watcher.destroy();
        watcher.waitFor(5, TimeUnit.SECONDS);
        session.close();
    }

    @Test
    void theItemRegistersWithTheWatcherAndShowsItsStateIconAndMenu() throws Exception {
        assertTrue(SniTray.hostPresent(trayConnection));
        SniTray tray = SniTray.register(trayConnection, actions, "alice", vm -> calls.add("dialog " + vm));
        tray.show(new TrayModel(List.of(new TrayModel.Entry(WIN11, true)), TrayIconState.OPEN, true));

        Properties watcherProperties = host.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH, Properties.class);
        List<?> registered = watcherProperties.Get(StatusNotifierWatcherBus.BUS_NAME, "RegisteredStatusNotifierItems");
        String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        assertTrue(registered.stream().anyMatch(r -> r.toString().contains(name)), "watcher lists " + registered);

        Properties item = host.getRemoteObject(name, StatusNotifierItemBus.PATH, Properties.class);
        Map<String, Variant<?>> all = item.GetAll(StatusNotifierItemBus.INTERFACE);
        assertEquals("lg-tray-open", all.get("IconName").getValue());
        assertEquals(Boolean.TRUE, all.get("ItemIsMenu").getValue());
        assertEquals(DbusMenuBus.PATH, ((DBusPath) all.get("Menu").getValue()).getPath());
        assertEquals("Active", all.get("Status").getValue());
        assertTrue(((List<?>) all.get("IconPixmap").getValue()).size() >= 1, "pixmaps for hosts without our icon theme");

        DbusMenuBus menu = host.getRemoteObject(name, DbusMenuBus.PATH, DbusMenuBus.class);
        LayoutReply<UInt32, DbusMenuBus.Layout> reply = menu.GetLayout(0, -1, List.of());
        String layout = MenuItems.labels(reply.getLayout()).toString();
        assertTrue(layout.contains("win11 (running)") && layout.contains("Open display") && layout.contains("Quit"), layout);

        // Clicking: find the submenu's "Start"/"Shut down" items by walking ids the host got.
        int shutdown = MenuItems.findId(menu, "Shut down");
        menu.Event(shutdown, "clicked", new Variant<>(0), new UInt32(0));
        host.getRemoteObject(name, StatusNotifierItemBus.PATH, StatusNotifierItemBus.class).Activate(0, 0);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (calls.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("shutdown " + WIN11.uuid(), "open " + WIN11.uuid()), calls,
                "the menu's click shut the VM down; a left click opened the one running VM's display");
    }

    /** The panel restarts (a crash, a theme change): its new watcher starts empty, and our item is listed again. */
    @Test
    void theItemRegistersAgainWithARestartedWatcher() throws Exception {
        SniTray.register(trayConnection, actions, "alice", vm -> { });
        String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        watcher.destroy();
        watcher.waitFor(5, TimeUnit.SECONDS);
        launchWatcher();
        Properties watcherProperties = host.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH,
                Properties.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<?> registered = List.of();
        while (System.nanoTime() < deadline) {
            registered = watcherProperties.Get(StatusNotifierWatcherBus.BUS_NAME, "RegisteredStatusNotifierItems");
            if (registered.stream().anyMatch(r -> r.toString().contains(name))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the restarted watcher never listed our item: " + registered);
    }

    @Test
    void anErrorAsksForAttention() throws Exception {
        SniTray tray = SniTray.register(trayConnection, actions, "alice", vm -> { });
        tray.show(new TrayModel(List.of(), TrayIconState.ERROR, false));
        String name = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        Properties item = host.getRemoteObject(name, StatusNotifierItemBus.PATH, Properties.class);
        assertEquals("NeedsAttention", item.Get(StatusNotifierItemBus.INTERFACE, "Status"));
        DbusMenuBus menu = host.getRemoteObject(name, DbusMenuBus.PATH, DbusMenuBus.class);
        assertTrue(MenuItems.labels(menu.GetLayout(0, -1, List.of()).getLayout()).toString().contains("lg-daemon is not running"));
    }
}
