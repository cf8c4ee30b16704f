// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.EnableOptionsCodec;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.SignalRecorder;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The real stack SharedMemoryLifeE2E stands on: lg-daemon as its own process on the system bus with polkitd,
 * libvirtd with QEMU, three real users, and a guest as a user has it before Looking Glass.
 */
final class ShmLifeStack {
    private ShmLifeStack() {
    }

    static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(90);
    static InstalledPolicies policies;
    static DBusConnection bus;
    static SignalRecorder signals;
    static DaemonProcess daemon;
    static Connect libvirt;
    static TestUser alice;
    static TestUser bob;
    static TestUser stranger;

    static void start() throws Exception {
        Prerequisite.root();
        Prerequisite.program("/usr/bin/getfacl", "acl");
        policies = InstalledPolicies.install();
        bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        signals = new SignalRecorder(bus);
        libvirt = RealLibvirt.connect();
        alice = TestUser.create();
        bob = TestUser.create();
        stranger = TestUser.create();
        daemon = DaemonProcess.start(bus);
    }

    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, alice, bob, stranger, libvirt::close, bus, policies}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A diskless guest as a user has it before Looking Glass: no shmem, SPICE on loopback. */
    static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next();
        final Domain domain;
        final DBusPath path;
        final Vm vm;

        Guest() throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            path = awaitVm(name);
            vm = bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
        }

        /** Enable with the defaults a new user takes: 1080p, the shm name lg-manager chooses. */
        List<String> enableFor(TestUser... users) {
            return vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of("users", new Variant<>(names(users), "as"))));
        }

        Path shm() throws Exception {
            return Path.of(property("ShmPath").toString());
        }

        <T> T property(String name) throws Exception {
            return bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class)
                    .Get(BusNames.VM_INTERFACE, name);
        }

        void startAndAwaitDisplay() throws Exception {
            signals.clear();
            domain.create(); // as `virsh start` does: straight to libvirt, not through us
            signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(path), SIGNAL_TIMEOUT, daemon.log());
        }

        void stopAndAwaitClose() throws Exception {
            signals.clear();
            domain.destroy();
            signals.await(Manager.DisplayClosed.class, s -> s.getVm().equals(path), SIGNAL_TIMEOUT, daemon.log());
        }

        @Override
        public void close() throws Exception {
            Path shm = shm();
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            awaitGone(path);
            Files.deleteIfExists(shm);
        }
    }

    /**
     * Lets lg-daemon finish with the echo of its own Enable (libvirt's DEFINED event, on which it checks the file
     * again): the event arrives within milliseconds, and a call runs on the daemon's one thread after it.
     */
    static void settle(Guest guest) throws Exception {
        Thread.sleep(500);
        guest.vm.GetXml();
    }

    static List<String> names(TestUser... users) {
        return java.util.Arrays.stream(users).map(TestUser::name).toList();
    }

    static DBusPath awaitVm(String name) throws Exception {
        Manager manager = bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return manager.GetVmByName(name);
            } catch (DBusExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("lg-daemon never published " + name + ": " + daemon.log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    static void awaitGone(DBusPath vm) throws Exception {
        Manager manager = bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (manager.ListVms().contains(vm) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    static String acl(Path path) {
        return ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/getfacl", "-n", "-p", "--omit-header",
                path.toString());
    }

    static long inode(Path path) throws Exception {
        return ((Number) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }
}
