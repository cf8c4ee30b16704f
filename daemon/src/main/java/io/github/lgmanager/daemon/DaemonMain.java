// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.core.log.ProgramLogging;
import io.github.lgmanager.daemon.auth.PolkitAuthorizer;
import io.github.lgmanager.daemon.auth.SameUserAuthorizer;
import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** lg-daemon's entry point: parse the command line, connect, serve until stopped. */
public final class DaemonMain {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonMain.class);

    private DaemonMain() {
    }

    public static void main(String[] args) {
        // before anything logs: one line per record on stderr, journald priorities, dbus-java's chatter held back
        ProgramLogging.configure("lg-daemon", Level.INFO);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(DaemonOptions.execute(args, out, err, DaemonMain::run));
    }

    private static int run(DaemonOptions options) {
        DBusConnection bus;
        try {
            bus = connect(options.bus());
        } catch (Exception e) {
            LOG.error("cannot connect to the {} bus ({}); is dbus-daemon running?", options.bus(), e.getMessage());
            return 1;
        }
        Daemon daemon;
        try {
            Authorizer authorizer = options.onSystemBus()
                    ? new PolkitAuthorizer(bus)
                    : new SameUserAuthorizer((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            daemon = new Daemon(options.libvirtUri(), bus, authorizer, GuardedDisplayAccess.onThisMachine());
            daemon.start();
        } catch (DBusException e) {
            LOG.error("cannot own io.github.lgmanager1 on the {} bus ({}); is another lg-daemon running, and is"
                    + " systemd/io.github.lgmanager1.conf installed in /usr/share/dbus-1/system.d/?", options.bus(),
                    e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            LOG.error("cannot start: {}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            daemon.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static DBusConnection connect(String bus) throws Exception {
        return switch (bus) {
            case "system" -> DBusConnectionBuilder.forSystemBus().build();
            case "session" -> DBusConnectionBuilder.forSessionBus().build();
            default -> DBusConnectionBuilder.forAddress(bus).build();
        };
    }
}
