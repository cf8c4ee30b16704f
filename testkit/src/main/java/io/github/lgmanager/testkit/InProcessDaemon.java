package io.github.lgmanager.testkit;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * lg-daemon on libvirt's test driver and a private bus, in the test's JVM, with a client that records signals.
 * The test kit does not depend on the daemon module (the daemon's own tests use this kit): the caller passes
 * how to start it, normally {@code (connection, log) -> Daemon.started(TEST_DRIVER, connection, authorizer, …)}.
 */
public final class InProcessDaemon implements AutoCloseable {
    public static final String TEST_DRIVER = "test:///default";
    private final PrivateDbusDaemon bus;
    private final DBusConnection daemonConnection;
    private final AutoCloseable daemon;
    public final DBusConnection client;
    public final List<String> log = new CopyOnWriteArrayList<>();
    private final SignalRecorder signals;
    private boolean stopped;

    /** Starts lg-daemon on the daemon's own connection to the private bus, logging to the given sink. */
    public interface Starter {
        AutoCloseable start(DBusConnection daemonConnection, Consumer<String> log) throws Exception;
    }

    private InProcessDaemon(Starter starter) throws Exception {
        bus = PrivateDbusDaemon.start();
        daemonConnection = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
        client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
        signals = new SignalRecorder(client);
        daemon = starter.start(daemonConnection, log::add);
    }

    public static InProcessDaemon start(Starter starter) throws Exception {
        return new InProcessDaemon(starter);
    }

    /** The private bus's address, for clients started separately (lg-admin --bus ADDRESS). */
    public String busAddress() {
        return bus.address();
    }

    public Manager manager() throws Exception {
        return client.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
    }

    public Vm vm(DBusPath path) throws Exception {
        return client.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
    }

    public Properties properties(DBusPath path) throws Exception {
        return client.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class);
    }

    public <T> T property(DBusPath path, String name) throws Exception {
        return properties(path).Get(BusNames.VM_INTERFACE, name);
    }

    /** Waits for the DBus path of a VM the daemon has published under this name. */
    public DBusPath awaitVm(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return manager().GetVmByName(name);
            } catch (org.freedesktop.dbus.exceptions.DBusExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the daemon never published VM " + name + "; log: " + log, e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** The first recorded signal of this type that matches, waiting up to 15 s for it. */
    public <T extends DBusSignal> T awaitSignal(Class<T> type, Predicate<T> match) throws InterruptedException {
        return signals.await(type, match, Duration.ofSeconds(15), "log: " + log);
    }

    public List<DBusSignal> signals() {
        return signals.all();
    }

    /** Stops lg-daemon and closes its connection, so that its bus name goes as on a crash; the bus and client stay. */
    public void stopDaemon() throws Exception {
        if (!stopped) {
            stopped = true;
            daemon.close();
            daemonConnection.close();
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        stopDaemon();
        bus.close();
        SharedMemoryLeftovers.removeThisRuns();
    }
}
