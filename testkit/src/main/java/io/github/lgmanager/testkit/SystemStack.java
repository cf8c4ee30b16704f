// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.libvirt.Connect;

/**
 * The real stack an end-to-end class runs against, set up the way a package would leave a host: our D-Bus and polkit
 * policy installed, lg-daemon from this checkout on the system bus (after any other checkout's daemon has gone),
 * libvirtd's qemu:///system, and real non-root users. One per test class; close undoes all of it.
 */
public final class SystemStack implements AutoCloseable {
    public final InstalledPolicies policies;
    public final DBusConnection bus;
    public final Connect libvirt;
    private DaemonProcess daemon;
    private final List<TestUser> users;

    private SystemStack(InstalledPolicies policies, DBusConnection bus, Connect libvirt, List<TestUser> users,
            DaemonProcess daemon) {
        this.policies = policies;
        this.bus = bus;
        this.libvirt = libvirt;
        this.users = users;
        this.daemon = daemon;
    }

    /** Installs the policies, makes {@code userCount} users and starts lg-daemon; as root. */
    public static SystemStack start(int userCount) throws Exception {
        Prerequisite.root();
        InstalledPolicies policies = InstalledPolicies.install();
        DBusConnection bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        DaemonProcess.awaitNoOtherDaemon(bus);
        Connect libvirt = RealLibvirt.connect();
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(TestUser.create());
        }
        return new SystemStack(policies, bus, libvirt, users, DaemonProcess.start(bus));
    }

    /** The running lg-daemon (a new one after {@link #restartDaemon}). */
    public DaemonProcess daemon() {
        return daemon;
    }

    /** Stops lg-daemon, runs {@code whileDown}, starts a new one: a unit restart, with a look in between. */
    public DaemonProcess restartDaemon(ThrowingRunnable whileDown) throws Exception {
        daemon.close();
        whileDown.run();
        daemon = DaemonProcess.start(bus);
        return daemon;
    }

    /** What runs while the daemon is down. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The i-th user made at start (0 first). */
    public TestUser user(int i) {
        return users.get(i);
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> all = new ArrayList<>(List.of(daemon));
        all.addAll(users);
        all.addAll(List.of(libvirt::close, bus, policies));
        Exception first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
