// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.testkit.SystemStack;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import io.github.lgmanager.testkit.Xvfb;
import io.github.lgmanager.tray.sni.DbusMenuBus;
import io.github.lgmanager.tray.sni.MenuItems;
import io.github.lgmanager.tray.sni.StatusNotifierWatcherBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Two people on one host, each with their own desktop: the packaged lg-tray as two real non-root users, each on
 * their own Xvfb display and session bus with Debian's status-notifier-watcher, against the packaged lg-daemon on the
 * system bus and libvirtd. Each tray's menu is read and clicked the way their panel does it (DBusMenu GetLayout and
 * Event); the VM's users are changed with the real lg-admin, as an administrator would.
 */
class TrayUsersE2E {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LG_ADMIN = TrayProcess.REPO.resolve("bin/lg-admin").toString();
    private static final Path STANDIN = TrayProcess.REPO.resolve("scripts/lg-viewer-standin");

    private static SystemStack stack;
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser alice;
    private static TestUser bob;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.program("/usr/bin/status-notifier-watcher", "haskell-status-notifier-item-utils");
        stack = SystemStack.start(2);
        policies = stack.policies;
        bus = stack.bus;
        daemon = stack.daemon();
        libvirt = stack.libvirt;
        alice = stack.user(0);
        bob = stack.user(1);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** One person's desktop: an X display, a session bus with a tray host (the SNI watcher), and their lg-tray. */
    private static final class Desktop implements AutoCloseable {
        final TestUser user;
        final Xvfb x;
        final PrivateDbusDaemon session;
        final Process watcher;
        final Path home;
        final StandinRecord viewers;
        final TrayProcess tray;
        final DBusConnection panel;

        Desktop(TestUser user, int display) throws Exception {
            this.user = user;
            x = Xvfb.start(display);
            session = PrivateDbusDaemon.start();
            Path socket = Path.of(session.address().replaceFirst("^unix:path=([^,]+).*$", "$1"));
            ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "711", socket.getParent().toString());
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/status-notifier-watcher").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DBUS_SESSION_BUS_ADDRESS", session.address());
            watcher = builder.start();
            panel = DBusConnectionBuilder.forAddress(session.address()).withShared(false).build();
            home = TrayProcess.homeFor(user);
            viewers = new StandinRecord(home.resolve("standin.record"));
            awaitWatcher();
            tray = TrayProcess.start(user, home, Map.of("DISPLAY", x.display(), "DBUS_SESSION_BUS_ADDRESS",
                    session.address(), "LG_STANDIN_RECORD", viewers.file().toString()), "--viewer", STANDIN.toString());
            await("lg-tray's item in " + user.name() + "'s panel", () -> !items().isEmpty());
        }

        private void awaitWatcher() throws InterruptedException {
            await("the status-notifier-watcher", () -> {
                try {
                    panel.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH,
                            Properties.class).Get(StatusNotifierWatcherBus.BUS_NAME, "ProtocolVersion");
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }

        private List<?> items() {
            try {
                return panel.getRemoteObject(StatusNotifierWatcherBus.BUS_NAME, StatusNotifierWatcherBus.PATH,
                        Properties.class).Get(StatusNotifierWatcherBus.BUS_NAME, "RegisteredStatusNotifierItems");
            } catch (Exception e) {
                return List.of();
            }
        }

        private DbusMenuBus menu() throws Exception {
            String item = items().get(0).toString();
            // a watcher lists "NAME" or "NAME/PATH"; the item's menu is at DbusMenuBus.PATH under NAME
            String name = item.contains("/") ? item.substring(0, item.indexOf('/')) : item;
            return panel.getRemoteObject(name, DbusMenuBus.PATH, DbusMenuBus.class);
        }

        /** Every label of the tray's menu, as the panel receives them. */
        List<String> labels() {
            try {
                return MenuItems.labels(menu().GetLayout(0, -1, List.of()).getLayout());
            } catch (Exception e) {
                return List.of("(menu not readable: " + e + ")");
            }
        }

        /** The user clicks the item with this label (the panel sends DBusMenu's "clicked" event). */
        void click(String label) throws Exception {
            DbusMenuBus menu = menu();
            menu.Event(MenuItems.findId(menu, label), "clicked", new Variant<>(0), new UInt32(0));
        }

        /** Whether the item with this label is ticked. */
        boolean ticked(String label) throws Exception {
            DbusMenuBus menu = menu();
            var props = menu.GetGroupProperties(List.of(MenuItems.findId(menu, label)), List.of());
            Variant<?> state = props.get(0).properties.get("toggle-state");
            return state != null && Integer.valueOf(1).equals(state.getValue());
        }

        String log() {
            return user.name() + "'s " + tray.log();
        }

        @Override
        public void close() throws Exception {
            try {
                tray.close();
            } finally {
                panel.close();
                watcher.destroy();
                session.close();
                x.close();
                ExternalProcess.run(Duration.ofSeconds(10), "/bin/rm", "-rf", home.toString());
            }
        }
    }

    /** A diskless guest with the display on for these users, as root enabled it. */
    private static final class Guest implements AutoCloseable {
        final String name = "lgtt-" + UniqueNames.next();
        final Path shm = Path.of("/dev/shm", name + "-lg");
        final Domain domain;
        final DBusPath path;

        Guest(TestUser... users) throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            path = daemon.awaitVm(bus, name);
            vm().Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(java.util.Arrays.stream(users).map(TestUser::name).toList(), "as"),
                    "shm_name", new Variant<>(shm.getFileName().toString()))));
        }

        Vm vm() throws Exception {
            return bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
        }

        List<String> autoOpenUsers() throws Exception {
            return bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class)
                    .Get(BusNames.VM_INTERFACE, "AutoOpenUsers");
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            Files.deleteIfExists(shm);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void lgAdmin(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LG_ADMIN;
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalProcess.Result r = ExternalProcess.run(WAIT, command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + "\n" + r.stdout() + r.stderr());
    }

    private static boolean lists(Desktop desktop, String vm) {
        return desktop.labels().stream().anyMatch(l -> l.startsWith(vm));
    }

    @Test
    void eachPersonSeesTheVmsThatListThemAndTheMenuFollowsTheUsersAsTheyChange() throws Exception {
        try (Guest guest = new Guest(alice); Desktop a = new Desktop(alice, 81); Desktop b = new Desktop(bob, 82)) {
            await("the VM in alice's menu", () -> lists(a, guest.name));
            assertFalse(lists(b, guest.name), "bob is not listed on it: " + b.labels());
            assertTrue(b.labels().contains("No virtual machines of yours"), b.labels().toString());

            lgAdmin("set", guest.name, "--add-user", bob.name());
            await("the VM in bob's menu once he is listed", () -> lists(b, guest.name));
            assertTrue(lists(a, guest.name), "alice still has it");

            lgAdmin("set", guest.name, "--remove-user", alice.name());
            await("the VM gone from alice's menu", () -> !lists(a, guest.name));
            assertTrue(a.labels().contains("No virtual machines of yours"), a.labels().toString());
            assertTrue(lists(b, guest.name), "bob keeps it: " + b.labels());
        }
    }

    @Test
    void aliceChoosingToOpenTheDisplayAtStartIsHerChoiceAloneAndOnlyHerViewerOpens() throws Exception {
        try (Guest guest = new Guest(alice, bob); Desktop a = new Desktop(alice, 83); Desktop b = new Desktop(bob, 84)) {
            String item = "Open display when the VM starts";
            await("the VM in both menus", () -> lists(a, guest.name) && lists(b, guest.name));
            assertFalse(a.ticked(item), "nobody chose it yet");
            assertEquals(List.of(), guest.autoOpenUsers());

            a.click(item);
            await("alice's choice stored", () -> {
                try {
                    return guest.autoOpenUsers().equals(List.of(alice.name()));
                } catch (Exception e) {
                    return false;
                }
            });
            await("ticked in alice's menu", () -> {
                try {
                    return a.ticked(item);
                } catch (Exception e) {
                    return false;
                }
            });
            assertFalse(b.ticked(item), "bob's own choice is untouched: " + b.labels());

            guest.domain.create();
            await("alice's viewer opened", () -> a.viewers.lines().stream().anyMatch(l -> l.event().equals("start")));
            Thread.sleep(5000); // time enough for a wrong second viewer to start
            assertTrue(b.viewers.lines().isEmpty(), "bob's tray opened nothing: " + b.viewers.lines() + "\n" + b.log());
        }
    }
}
