// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;

/** The packaged lg-daemon (target/lg-daemon.jar) running as its own process on the system bus, as systemd would run it. */
public final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The VM's object once this daemon has published it (it reads libvirt at its own pace). */
    public DBusPath awaitVm(DBusConnection bus, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class).GetVmByName(name);
            } catch (DBusExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("lg-daemon never published " + name + ": " + log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Another checkout's end-to-end run may own the name for a while on this shared machine: wait our turn. */
    public static void awaitNoOtherDaemon(DBusConnection bus) throws Exception {
        DBus dbus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (dbus.NameHasOwner(BusNames.SERVICE)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(BusNames.SERVICE + " is owned by another process for 10 minutes; stop that"
                        + " lg-daemon and run the tests again");
            }
            Thread.sleep(500);
        }
    }

    public static DaemonProcess start(DBusConnection observer, String... args) throws Exception {
        return start(observer, Map.of(), args);
    }

    /** Starts it with extra environment, e.g. LG_JAVA_OPTS=-Dlgmanager.trace=true for the benchmark's profile. */
    public static DaemonProcess start(DBusConnection observer, Map<String, String> environment, String... args)
            throws Exception {
        // Through the shipped launcher, so its JVM options are what the tests and benchmarks run with.
        Path launcher = InstalledPolicies.REPO.resolve("bin/lg-daemon");
        Path jar = InstalledPolicies.REPO.resolve("daemon/target/lg-daemon.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the end-to-end tier runs after 'mvn package'");
        }
        Path log = Files.createTempFile("lg-daemon-e2e", ".log");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        DaemonProcess daemon = new DaemonProcess(process, log);
        DBus bus = observer.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!bus.NameHasOwner(BusNames.SERVICE)) {
            if (!process.isAlive()) {
                throw new AssertionError("lg-daemon exited " + process.exitValue() + ": " + daemon.log());
            }
            if (System.nanoTime() > deadline) {
                daemon.close();
                throw new AssertionError("lg-daemon did not take its bus name within 60 s: " + daemon.log());
            }
            Thread.sleep(50);
        }
        return daemon;
    }

    /** The daemon's JVM (the launcher execs java). */
    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills it the hard way, as a crash or OOM kill would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
