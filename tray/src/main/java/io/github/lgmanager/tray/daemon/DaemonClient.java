// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.trace.Trace;
import io.github.lgmanager.tray.core.DisplayTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lg-daemon as the tray sees it: a cache of every VM's properties kept current from the Manager signals and
 * PropertiesChanged, and rebuilt whenever the daemon's bus name gets a new owner (a restart, or a daemon that
 * starts after the tray). dbus-java delivers signals on a pool of threads; everything here is funnelled through one
 * event thread so the {@link DaemonEvents} receiver sees one ordered stream.
 *
 * <p>The daemon sends every property change in PropertiesChanged, before the DisplayReady/Closed/Failed it
 * belongs to, so the cache is applied those values rather than asking again: a GetAll round trip per signal
 * was most of the DisplayReady → viewer delay (docs/benchmarks.md, figure 2).
 */
public final class DaemonClient implements AutoCloseable {
    /** The sender of the bus's own messages, NameOwnerChanged among them. */
    private static final String BUS_DRIVER = "org.freedesktop.DBus";
    private static final Logger LOG = LoggerFactory.getLogger(DaemonClient.class);
    private final DBusConnection connection;
    private final DaemonEvents events;
    private final ExecutorService eventThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lg-tray-events");
        t.setDaemon(true);
        return t;
    });
    /** By object path, as the signals name them; the events name VMs by UUID. */
    private final Map<String, VmView> vms = new ConcurrentHashMap<>();
    /** The raw properties behind {@link #vms}, to apply PropertiesChanged to; only the event thread touches it. */
    private final Map<String, Map<String, Variant<?>>> properties = new HashMap<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();
    private volatile boolean present;
    /** The unique bus name of the running lg-daemon, "" when none. */
    private volatile String daemonOwner = "";

    private DaemonClient(DBusConnection connection, DaemonEvents events) {
        this.connection = connection;
        this.events = events;
    }

    /** Connects to the system bus, or to {@code busAddress} when given (tests, a private bus). */
    public static DaemonClient connect(String busAddress, DaemonEvents events) throws DBusException {
        DBusConnection connection = busAddress == null
                ? DBusConnectionBuilder.forSystemBus().withShared(false).build()
                : DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        DaemonClient client = new DaemonClient(connection, events);
        client.subscribe();
        client.onEventThread(client::resync);
        return client;
    }

    private void subscribe() throws DBusException {
        handlers.add(connection.addSigHandler(DBus.NameOwnerChanged.class, s -> {
            if (!BUS_DRIVER.equals(s.getSource())) {
                // Any client may emit a signal by this name: believed, it would close the user's viewers ("the daemon
                // vanished") or make the sender's own DisplayReady count ("I am the daemon now").
                if (BusNames.SERVICE.equals(s.name)) {
                    LOG.warn("ignored NameOwnerChanged from {}, which is not the bus", s.getSource());
                }
                return;
            }
            if (BusNames.SERVICE.equals(s.name)) {
                onEventThread(() -> {
                    daemonOwner = s.newOwner;
                    if (s.newOwner.isEmpty()) {
                        daemonGone();
                    } else {
                        resync();
                    }
                });
            }
        }));
        handlers.add(connection.addSigHandler(Manager.VmAdded.class, s -> fromDaemon(s, () -> refreshAndReport(s.getVm().getPath()))));
        handlers.add(connection.addSigHandler(Manager.VmRemoved.class, s -> fromDaemon(s, () -> {
            VmView gone = vms.remove(s.getVm().getPath());
            properties.remove(s.getVm().getPath());
            events.removed(gone != null ? gone.uuid() : uuidOf(s.getVm().getPath()), s.getName());
        })));
        handlers.add(connection.addSigHandler(Manager.DisplayReady.class, s -> {
            Trace.mark("tray.display-ready-received", s.getVm().getPath());
            fromDaemon(s, () -> {
                Trace.mark("tray.display-ready-on-event-thread", s.getVm().getPath());
                VmView vm = current(s.getVm().getPath());
                Trace.mark("tray.vm-state-known", s.getVm().getPath());
                events.displayReady(vm, new DisplayTarget(s.getShmPath(), s.getSpiceHost(), s.getSpicePort()));
            });
        }));
        handlers.add(connection.addSigHandler(Manager.DisplayClosed.class, s -> fromDaemon(s, () ->
                events.displayClosed(current(s.getVm().getPath())))));
        handlers.add(connection.addSigHandler(Manager.DisplayFailed.class, s -> fromDaemon(s, () ->
                events.displayFailed(current(s.getVm().getPath()), s.getReason()))));
        handlers.add(connection.addSigHandler(Properties.PropertiesChanged.class, s -> {
            if (s.getPath().startsWith(BusNames.VM_PATH_PREFIX) && BusNames.VM_INTERFACE.equals(s.getInterfaceName())) {
                fromDaemon(s, () -> applyChange(s.getPath(), s.getPropertiesChanged(), s.getPropertiesRemoved()));
            }
        }));
    }

    /**
     * Runs the task only for a signal the daemon sent. Any client on the system bus may emit a signal named
     * DisplayReady; believing it would let another user choose what file and SPICE server our viewer opens.
     * dbus-java runs handlers on a pool, so a signal may overtake the NameOwnerChanged of a restarted daemon:
     * on a mismatch the owner is asked once more before the signal is dropped.
     */
    private void fromDaemon(DBusSignal signal, Runnable task) {
        onEventThread(() -> {
            String source = signal.getSource();
            if (source == null || (!source.equals(daemonOwner) && !source.equals(currentOwner()))) {
                LOG.warn("ignored {} from {}, which is not lg-daemon", signal.getName(), source);
                return;
            }
            task.run();
        });
    }

    private String currentOwner() {
        try {
            DBus bus = connection.getRemoteObject(BUS_DRIVER, "/org/freedesktop/DBus", DBus.class);
            daemonOwner = bus.GetNameOwner(BusNames.SERVICE);
        } catch (DBusException | DBusExecutionException e) {
            daemonOwner = "";
        }
        return daemonOwner;
    }

    private void onEventThread(Runnable task) {
        if (eventThread.isShutdown()) {
            return;
        }
        eventThread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // One failed refresh must not end the event thread; the next signal or sync repairs the cache.
                LOG.warn("while handling a daemon event: {}", e.toString(), e);
            }
        });
    }

    /** Re-reads everything. Runs at start, when the daemon reappears, and on request. */
    public void requestResync() {
        onEventThread(this::resync);
    }

    private void resync() {
        Map<String, VmView> fresh = new LinkedHashMap<>(); // by path
        currentOwner();
        try {
            Manager manager = connection.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
            for (DBusPath path : manager.ListVms()) {
                fresh.put(path.getPath(), read(path.getPath()));
            }
            present = true;
        } catch (DBusException | DBusExecutionException e) {
            // Not running yet (or going away): NameOwnerChanged brings us back here when it appears.
            present = false;
        }
        // read() cached every VM it found; forget the ones that are gone.
        vms.keySet().retainAll(fresh.keySet());
        properties.keySet().retainAll(fresh.keySet());
        events.synced(List.copyOf(fresh.values()), present);
    }

    private void daemonGone() {
        present = false;
        events.synced(List.copyOf(vms.values()), false);
    }

    private VmView read(String path) throws DBusException {
        Properties remote = connection.getRemoteObject(BusNames.SERVICE, path, Properties.class);
        return remember(path, new HashMap<>(remote.GetAll(BusNames.VM_INTERFACE)));
    }

    /** Caches a VM's properties and the state read from them (the two caches are only written here). */
    private VmView remember(String path, Map<String, Variant<?>> all) {
        properties.put(path, all);
        VmView vm = VmPropertyReader.read(all);
        vms.put(path, vm);
        return vm;
    }

    /** The VM as the signals so far describe it; read from the daemon only when it is not cached yet. */
    private VmView current(String path) {
        VmView known = vms.get(path);
        return known != null ? known : refresh(path);
    }

    /** Applies a PropertiesChanged to the cache; reads everything again only if it cannot be applied. */
    private void applyChange(String path, Map<String, Variant<?>> changed, List<String> invalidated) {
        Map<String, Variant<?>> cached = properties.get(path);
        if (cached == null || !invalidated.isEmpty()) {
            refreshAndReport(path);
            return;
        }
        cached.putAll(changed);
        events.changed(remember(path, cached));
    }

    /** The VM's current properties; if they cannot be read, the last known ones. */
    private VmView refresh(String path) {
        try {
            return read(path);
        } catch (DBusException | DBusExecutionException e) {
            return vms.getOrDefault(path, unknown(path));
        }
    }

    /** A VM the daemon announced but whose properties could not be read (yet): it lists no one, so nothing opens. */
    private static VmView unknown(String path) {
        String uuid = uuidOf(path);
        return new VmView(uuid, uuid, false, false, "", "", 0, 0, 0, 0, false, "", List.of(), List.of(), List.of(), "", 0,
                false, "", false);
    }

    /** The inverse of {@link BusNames#vmPath}: for a VM whose Uuid property cannot be read. */
    static String uuidOf(String path) {
        String element = path.startsWith(BusNames.VM_PATH_PREFIX) ? path.substring(BusNames.VM_PATH_PREFIX.length()) : path;
        return element.replace('_', '-');
    }

    private void refreshAndReport(String path) {
        events.changed(refresh(path));
    }

    public boolean daemonPresent() {
        return present;
    }

    /** The cache, by object path. */
    public Map<String, VmView> vms() {
        return Map.copyOf(vms);
    }

    /** Calls the daemon on behalf of the user (menu and dialog actions), allowing polkit to prompt. */
    public VmCalls calls() {
        return new VmCalls(connection);
    }

    /** What polkit would answer for this tray's calls, asked without interaction. */
    public PermissionCheck permissions() {
        return new PermissionCheck(connection);
    }

    @Override
    public void close() {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception ignored) {
                // the connection closes next anyway
            }
        }
        eventThread.shutdown();
        try {
            eventThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.disconnect();
    }

    /** For tests: true once every event so far has been handled. */
    public boolean idle() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        onEventThread(done::countDown);
        return done.await(10, TimeUnit.SECONDS);
    }
}
