// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.Daemon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.TableAuthorizer;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import io.github.lgmanager.tray.core.DisplayTarget;
import io.github.lgmanager.core.vm.VmView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** The tray's D-Bus client against a real lg-daemon on libvirt's test driver and a private bus. */
class DaemonClientIT {
    private final TableAuthorizer authorizer = new TableAuthorizer();
    private InProcessDaemon daemon;
    private Connect libvirt;
    private DaemonClient client;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<VmView> states = new CopyOnWriteArrayList<>();

    /** Records every event as a line, and every VmView delivered. */
    private final DaemonEvents recorder = new DaemonEvents() {
        @Override
        public void synced(List<VmView> vms, boolean present) {
            events.add("synced " + present + " " + vms.stream().map(VmView::name).sorted().toList());
            states.addAll(vms);
        }

        @Override
        public void changed(VmView vm) {
            events.add("changed " + vm.name());
            states.add(vm);
        }

        @Override
        public void removed(String uuid, String name) {
            events.add("removed " + name + " " + uuid);
        }

        @Override
        public void displayReady(VmView vm, DisplayTarget target) {
            events.add("ready " + vm.name() + " " + target);
        }

        @Override
        public void displayClosed(VmView vm) {
            events.add("closed " + vm.name());
        }

        @Override
        public void displayFailed(VmView vm, String reason) {
            events.add("failed " + vm.name());
        }
    };

    @BeforeEach
    void start() throws Exception {
        daemon = InProcessDaemon.start(connection -> Daemon.started(InProcessDaemon.TEST_DRIVER, connection,
                authorizer, GuardedDisplayAccess.onThisMachine()));
        libvirt = new Connect(InProcessDaemon.TEST_DRIVER);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        daemon.close();
        libvirt.close();
    }

    private String busAddress() {
        return daemon.client.getAddress().toString();
    }

    private void awaitEvent(Predicate<String> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (events.stream().anyMatch(match)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching event; got " + events + "; daemon log " + daemon.log);
    }

    private VmView latest(String name) {
        for (int i = states.size() - 1; i >= 0; i--) {
            if (states.get(i).name().equals(name)) {
                return states.get(i);
            }
        }
        throw new AssertionError("no state for " + name + " in " + states);
    }

    @Test
    void theFirstSyncListsTheVmsWithTheirLookingGlassSettings() throws Exception {
        String name = UniqueNames.next();
        Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        try {
            DBusPath path = daemon.awaitVm(name);
            daemon.vm(path).Enable(EnableOptionsCodec.sized(2560, 1440, false, Map.of("users", new Variant<>(List.of("root"), "as"), "auto_open", new Variant<>(true),
                            "client_options", new Variant<>(List.of("egl:scale=2"), "as"))));

            client = DaemonClient.connect(busAddress(), recorder);
            awaitEvent(e -> e.startsWith("synced true") && e.contains(name));

            VmView vm = latest(name);
            assertEquals(domain.getUUIDString(), vm.uuid());
            assertEquals(path.getPath(), BusNames.vmPath(vm.uuid()), "the tray reaches the VM at the path its UUID gives");
            assertTrue(vm.enabled() && vm.autoOpenUsers().equals(List.of("root")) && !vm.running());
            assertEquals(List.of("root"), vm.users());
            assertEquals(List.of("egl:scale=2"), vm.clientOptions());
            assertEquals(2560, vm.width());
        } finally {
            domain.undefine();
        }
    }

    @Test
    void lifecycleSignalsArriveAsEventsWithFreshProperties() throws Exception {
        client = DaemonClient.connect(busAddress(), recorder);
        awaitEvent(e -> e.startsWith("synced true"));
        String name = UniqueNames.next();
        Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        awaitEvent(e -> e.equals("changed " + name));
        DBusPath path = daemon.awaitVm(name);
        daemon.vm(path).Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of("users", new Variant<>(List.of("root"), "as"))));

        domain.create();
        // The test driver runs no QEMU, so the daemon cannot verify a shared-memory file: DisplayFailed.
        awaitEvent(e -> e.equals("failed " + name));
        assertTrue(latest(name).running(), "the state delivered with the event is fresh");
        domain.destroy();
        awaitEvent(e -> e.equals("closed " + name));
        String uuid = domain.getUUIDString();
        domain.undefine();
        awaitEvent(e -> e.equals("removed " + name + " " + uuid));
    }

    @Test
    void userActionsReachTheDaemonAndItsRefusalsKeepTheirErrorName() throws Exception {
        String name = UniqueNames.next();
        Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        try {
            DBusPath path = daemon.awaitVm(name);
            client = DaemonClient.connect(busAddress(), recorder);
            awaitEvent(e -> e.startsWith("synced true"));
            VmCalls calls = client.calls();
            String uuid = domain.getUUIDString();

            List<String> notes = calls.enable(uuid, Map.of("users", new Variant<>(List.of("root"), "as")));
            assertTrue(notes.stream().anyMatch(n -> n.contains("32 MiB")), notes.toString());
            calls.setAutoOpen(uuid, true);
            awaitEvent(e -> e.equals("changed " + name));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!latest(name).autoOpenUsers().contains("root") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(latest(name).autoOpenUsers().contains("root"), "PropertiesChanged refreshed the cache");
            assertEquals(64, calls.computeShmSize(2560, 1440, false, ""));

            authorizer.deny(Action.CONFIGURE);
            DBusExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(DBusExecutionException.class,
                    () -> calls.setClientOptions(uuid, List.of("egl:scale=2")));
            assertEquals(LgManagerErrors.NOT_AUTHORIZED, LgManagerErrors.nameOf(refused));
            DBusExecutionException notRunning = org.junit.jupiter.api.Assertions.assertThrows(DBusExecutionException.class,
                    () -> calls.requestOpen(uuid));
            assertEquals(LgManagerErrors.NOT_RUNNING, LgManagerErrors.nameOf(notRunning));
        } finally {
            domain.undefine();
        }
    }

    @Test
    void aDisplayReadyForgedByAnotherClientIsIgnored() throws Exception {
        client = DaemonClient.connect(busAddress(), recorder);
        awaitEvent(e -> e.startsWith("synced true"));
        DBusPath somePath = daemon.manager().ListVms().get(0);

        // Any client may emit a signal with our interface's name; only lg-daemon's count.
        daemon.client.sendMessage(new Manager.DisplayReady(BusNames.MANAGER_PATH, somePath, "/tmp/planted", "evil.example", 5900));
        Thread.sleep(500);
        assertTrue(client.idle());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("ready")), events.toString());
    }
    /**
     * Only the bus reports who owns lg-daemon's name. A forged "it vanished" would close the user's viewers; a forged
     * "it is now me" would make the forger's DisplayReady look like the daemon's.
     */
    @Test
    void aNameOwnerChangedForgedByAnotherClientIsIgnoredAndARealOneIsSeen() throws Exception {
        client = DaemonClient.connect(busAddress(), recorder);
        awaitEvent(e -> e.startsWith("synced true"));
        DBus driver = daemon.client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        String owner = driver.GetNameOwner(BusNames.SERVICE);
        String forger = daemon.client.getUniqueName();
        DBusPath somePath = daemon.manager().ListVms().get(0);
        int before = events.size();

        daemon.client.sendMessage(new DBus.NameOwnerChanged("/org/freedesktop/DBus", BusNames.SERVICE, owner, ""));
        daemon.client.sendMessage(new DBus.NameOwnerChanged("/org/freedesktop/DBus", BusNames.SERVICE, owner, forger));
        daemon.client.sendMessage(new Manager.DisplayReady(BusNames.MANAGER_PATH, somePath, "/tmp/planted", "evil.example", 5900));
        Thread.sleep(500);
        assertTrue(client.idle());

        assertEquals(List.of(), events.subList(before, events.size()));
        assertTrue(client.daemonPresent());

        daemon.stopDaemon();
        awaitEvent(e -> e.startsWith("synced false"));
        assertFalse(client.daemonPresent());
    }

    /** The cache is kept by applying PropertiesChanged, not by re-reading: it must end where a re-read would. */
    @Test
    void theCacheKeptFromSignalsEqualsWhatTheDaemonReports() throws Exception {
        client = DaemonClient.connect(busAddress(), recorder);
        awaitEvent(e -> e.startsWith("synced true"));
        String name = UniqueNames.next();
        Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        try {
            DBusPath path = daemon.awaitVm(name);
            VmCalls calls = client.calls();
            String uuid = domain.getUUIDString();
            calls.enable(uuid, EnableOptionsCodec.sized(2560, 1440, true, Map.of("users", new Variant<>(List.of("root"), "as"))));
            calls.setAutoOpen(uuid, true);
            calls.setClientOptions(uuid, List.of("egl:scale=2", "win:fullScreen=yes"));
            domain.create();
            awaitEvent(e -> e.equals("failed " + name));
            assertTrue(client.idle());

            VmView reread = VmPropertyReader.read(daemon.properties(path).GetAll(BusNames.VM_INTERFACE));
            assertEquals(reread, client.vms().get(path.getPath()));
            assertTrue(reread.running() && reread.autoOpenUsers().equals(List.of("root")) && reread.hdr(), reread.toString());
        } finally {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
        }
    }

    @Test
    void aPropertiesChangedForgedByAnotherClientDoesNotChangeTheCache() throws Exception {
        String name = UniqueNames.next();
        Domain domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        try {
            DBusPath path = daemon.awaitVm(name);
            client = DaemonClient.connect(busAddress(), recorder);
            awaitEvent(e -> e.startsWith("synced true") && e.contains(name));
            VmView before = client.vms().get(path.getPath());

            daemon.client.sendMessage(new Properties.PropertiesChanged(path.getPath(), BusNames.VM_INTERFACE,
                    Map.of("AutoOpenUsers", new Variant<>(List.of("mallory"), "as"), "ShmPath", new Variant<>("/tmp/planted")), List.of()));
            Thread.sleep(500);
            assertTrue(client.idle());
            assertEquals(before, client.vms().get(path.getPath()));
        } finally {
            domain.undefine();
        }
    }
}
