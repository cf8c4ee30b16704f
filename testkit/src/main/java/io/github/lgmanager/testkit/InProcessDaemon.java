// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * lg-daemon on libvirt's test driver and a private bus, in the test's JVM, with a client that records signals.
 * The test kit does not depend on the daemon module (the daemon's own tests use this kit): the caller passes
 * how to start it, normally {@code connection -> Daemon.started(TEST_DRIVER, connection, authorizer, …)}.
 */
public final class InProcessDaemon implements AutoCloseable {
    public static final String TEST_DRIVER = "test:///default";
    private static final String LOGGER = "io.github.lgmanager";
    private final PrivateDbusDaemon bus;
    private final DBusConnection daemonConnection;
    private final AutoCloseable daemon;
    public final DBusConnection client;
    /**
     * The messages logged under {@code io.github.lgmanager} (the daemon's loggers) while it runs, INFO and above, as
     * the journal would show them without the priority. Anything else of ours in this JVM logs there too.
     */
    public final List<String> log = new CopyOnWriteArrayList<>();
    /** Held here: java.util.logging keeps loggers only weakly, and a collected one would lose our handler. */
    private final Logger ours = Logger.getLogger(LOGGER);
    private final Handler capture = new LogCapture(log);
    private final SignalRecorder signals;
    private boolean stopped;

    /** Starts lg-daemon on the daemon's own connection to the private bus. */
    public interface Starter {
        AutoCloseable start(DBusConnection daemonConnection) throws Exception;
    }

    private InProcessDaemon(Starter starter) throws Exception {
        ours.addHandler(capture);
        try {
            bus = PrivateDbusDaemon.start();
            daemonConnection = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
            client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
            signals = new SignalRecorder(client);
            daemon = starter.start(daemonConnection);
        } catch (Exception | Error e) {
            ours.removeHandler(capture); // close() is never called on a kit that failed to start
            throw e;
        }
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
        try {
            client.close();
            stopDaemon();
            bus.close();
            SharedMemoryLeftovers.removeThisRuns();
        } finally {
            ours.removeHandler(capture);
        }
    }

    /** Keeps each record's message, formatted as SLF4J and java.util.logging would print it. */
    private static final class LogCapture extends Handler {
        private final List<String> sink;

        LogCapture(List<String> sink) {
            this.sink = sink;
            setLevel(Level.INFO);
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                sink.add(getFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
