// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.Xvfb;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.libvirt.Connect;

/** The real stack the benchmarks run on, as the end-to-end tier has it, plus libvirt-dbus for comparison. */
final class Stack implements AutoCloseable {
    final InstalledPolicies policies;
    final DBusConnection bus;
    final Connect libvirt;
    final TestUser user;
    final Xvfb x;
    final DaemonProcess daemon;

    Stack() throws Exception {
        policies = InstalledPolicies.install();
        bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        libvirt = RealLibvirt.connect();
        user = TestUser.create();
        x = Xvfb.start();
        daemon = DaemonProcess.start(bus, Map.of("LG_JAVA_OPTS", Bench.TRACE_OPTION));
        // libvirt-dbus is D-Bus activated: one call starts it, as it would on a desktop. An old instance may be
        // connected to a libvirtd that has since restarted (it does not reconnect): start a fresh one.
        libvirtDbusPid().flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroy();
            p.onExit().join();
        });
        // Ping would not do: its D-Bus library answers that without connecting to libvirtd, and then no event
        // is ever sent.
        bus.getRemoteObject(LibvirtDbusConnect.BUS_NAME, LibvirtDbusConnect.QEMU_PATH, LibvirtDbusConnect.class)
                .ListDomains(new org.freedesktop.dbus.types.UInt32(0));
    }

    DBusPath awaitVm(String name) throws Exception {
        Manager manager = bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return manager.GetVmByName(name);
            } catch (DBusExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The running libvirt-dbus process (org.libvirt's owner). */
    Optional<Long> libvirtDbusPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/libvirt-dbus")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, x, user, libvirt::close, bus, policies}) {
            c.close();
        }
    }
}
