// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.EnableOptionsCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.DisplayInfo;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.SignalRecorder;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * lg-daemon as shipped, on the real stack: the packaged jar on the system bus with our D-Bus and polkit policy
 * installed, libvirtd starting real QEMU guests, polkitd deciding, a real non-root desktop user.
 */
class DaemonE2E {
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(90);
    private static final int PERSISTENT = Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE;
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static SignalRecorder signals;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser user;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.root();
        Prerequisite.program("/usr/bin/getfacl", "acl");
        Prerequisite.program("/usr/bin/busctl", "systemd");
        policies = InstalledPolicies.install();
        bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        signals = new SignalRecorder(bus);
        libvirt = RealLibvirt.connect();
        user = TestUser.create();
        daemon = DaemonProcess.start(bus);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, user, libvirt::close, bus, policies}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A diskless guest the daemon has enabled for {@link #user}, removed with its shared memory afterwards. */
    private static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next();
        final String shmName = name + "-lg";
        final Path shm = Path.of("/dev/shm", shmName);
        final Domain domain;
        final DBusPath path;
        final Vm vm;

        Guest() throws Exception {
            this(true);
        }

        Guest(boolean enable) throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            path = awaitVm(name);
            vm = bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
            if (enable) {
                enable(false);
            }
        }

        List<String> enable(boolean live) {
            return vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(List.of(user.name()), "as"),
                    "shm_name", new Variant<>(shmName),
                    "live", new Variant<>(live))));
        }

        <T> T property(String name) throws Exception {
            return bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class).Get(BusNames.VM_INTERFACE, name);
        }

        String persistentXml() throws Exception {
            return domain.getXMLDesc(PERSISTENT);
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            // lg-daemon remakes the file when the VM stops and removes it when it sees the VM undefined: wait for
            // that, or a file it makes after our delete would stay behind
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (manager().ListVms().contains(path) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Files.deleteIfExists(shm);
        }
    }

    private static Manager manager() throws Exception {
        return bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
    }

    private static DBusPath awaitVm(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return manager().GetVmByName(name);
            } catch (DBusExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("lg-daemon never published " + name + ": " + daemon.log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static String acl(Path path) {
        return ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/getfacl", "-n", "-p", "--omit-header", path.toString());
    }

    @Test
    void startingAnEnabledGuestGrantsItsUserBeforeDisplayReadyAndStoppingClosesIt() throws Exception {
        try (Guest guest = new Guest()) {
            AtomicReference<Boolean> accessWhenAnnounced = new AtomicReference<>();
            AutoCloseable handler = bus.addSigHandler(Manager.DisplayReady.class, s -> {
                if (s.getVm().equals(guest.path)) {
                    accessWhenAnnounced.compareAndSet(null, user.canReadAndWrite(s.getShmPath()));
                }
            });
            try {
                guest.vm.Start();
                Manager.DisplayReady ready = signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path),
                        SIGNAL_TIMEOUT, daemon.log());
                assertEquals(guest.shm.toString(), ready.getShmPath());
                assertEquals("127.0.0.1", ready.getSpiceHost());
                assertTrue(ready.getSpicePort() >= 5900, "SPICE port " + ready.getSpicePort());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (accessWhenAnnounced.get() == null && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(Boolean.TRUE, accessWhenAnnounced.get(), "the user could open the file when DisplayReady arrived");
            } finally {
                handler.close();
            }
            assertTrue(acl(guest.shm).contains("user:" + user.uid() + ":rw-"), acl(guest.shm));
            assertEquals(Boolean.TRUE, guest.property("AclApplied"));

            DisplayInfo opened = DisplayInfo.fromReply(guest.vm.RequestOpen()); // "Open display" in the tray
            assertEquals(guest.shm.toString(), opened.getShmPath());
            assertEquals("127.0.0.1", opened.getSpiceHost());
            assertTrue(opened.getSpicePort() >= 5900, "SPICE port " + opened.getSpicePort());
            // on the wire: the a{sv} the contract declares (what a raw caller such as lg-tray reads)
            String raw = ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/busctl", "--system", "call",
                    BusNames.SERVICE, guest.path.getPath(), BusNames.VM_INTERFACE, "RequestOpen");
            assertTrue(raw.startsWith("a{sv} 3 "), raw);
            assertTrue(raw.contains("\"shm_path\" s \"" + guest.shm + "\""), raw);
            assertTrue(raw.contains("\"spice_port\" i " + opened.getSpicePort()), raw);

            guest.domain.destroy();
            signals.await(Manager.DisplayClosed.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());
            assertEquals(Boolean.FALSE, guest.property("Running"));
        }
    }

    @Test
    void enablingARunningGuestLiveHotPlugsTheDeviceAndOpensTheDisplay() throws Exception {
        try (Guest guest = new Guest(false)) {
            guest.domain.create();
            awaitProperty(guest, "Running", Boolean.TRUE);

            List<String> notes = guest.enable(true);

            assertTrue(notes.contains("attached the device to the running VM"), notes.toString());
            signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());
            assertTrue(user.canReadAndWrite(guest.shm.toString()));
            assertEquals(Boolean.FALSE, guest.property("PendingRestart"), "live and next boot agree");
        }
    }

    private static void awaitProperty(Guest guest, String name, Object expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.equals(guest.property(name))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " never became " + expected + ": " + daemon.log());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aSharedMemoryFilePlantedByAnotherUserIsRefusedAndLeftUntouched() throws Exception {
        try (Guest guest = new Guest()) {
            // Someone cleaned /dev/shm while the VM was stopped (lg-daemon keeps a file there), and the attacker
            // creates the name first, big enough and writable, so QEMU reuses it. No qemu hook runs here.
            settle(guest);
            Files.delete(guest.shm);
            ExternalProcess.Result planted = user.run("/bin/sh", "-c",
                    "truncate -s 32M '" + guest.shm + "' && chmod 666 '" + guest.shm + "'");
            assertTrue(planted.ok(), planted.toString());
            String before = acl(guest.shm);

            guest.vm.Start();

            Manager.DisplayFailed failed = signals.await(Manager.DisplayFailed.class, s -> s.getVm().equals(guest.path),
                    SIGNAL_TIMEOUT, daemon.log());
            assertTrue(failed.getReason().contains("owned by"), failed.getReason());
            assertEquals(failed.getReason(), guest.property("LastError"));
            assertEquals(Boolean.FALSE, guest.property("AclApplied"));
            assertEquals(before, acl(guest.shm), "no ACL was written on the planted file");
            assertTrue(manager().ListVms().contains(guest.path), "the daemon keeps serving");
        }
    }

    @Test
    void aSymlinkPlantedAtTheSharedMemoryNameIsNeverFollowed() throws Exception {
        Path target = Files.createTempFile(Path.of("/var/tmp"), "lgmt-target", ".bin");
        try (Guest guest = new Guest()) {
            ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/truncate", "-s", "32M", target.toString());
            ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "666", target.toString());
            settle(guest);
            Files.delete(guest.shm); // cleaned while stopped, as above
            ExternalProcess.Result link = user.run("/bin/ln", "-s", target.toString(), guest.shm.toString());
            assertTrue(link.ok(), link.toString());
            String before = acl(target);

            boolean started;
            try {
                guest.vm.Start();
                started = true;
            } catch (DBusExecutionException e) {
                started = false; // QEMU may refuse the link itself; then there is nothing for the daemon to do
            }
            if (started) {
                Manager.DisplayFailed failed = signals.await(Manager.DisplayFailed.class,
                        s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());
                assertTrue(failed.getReason().contains("symbolic link"), failed.getReason());
            }
            assertEquals(before, acl(target), "the link's target was not touched");
            assertTrue(signals.all().stream().noneMatch(s -> s instanceof Manager.DisplayReady r && r.getVm().equals(guest.path)));
        } finally {
            Files.deleteIfExists(target);
        }
    }

    /**
     * Lets lg-daemon finish with the echo of its own Enable (libvirt's DEFINED event, which makes the file ready
     * again): the event arrives within milliseconds, and a call runs on the daemon's one thread after it.
     */
    private static void settle(Guest guest) throws Exception {
        Thread.sleep(500);
        guest.vm.GetXml();
    }

    @Test
    void polkitRefusesAnOrdinaryUserUntilARuleGrantsItButListedUsersMayToggleAutoOpen() throws Exception {
        try (Guest guest = new Guest()) {
            String before = guest.persistentXml();
            ExternalProcess.Result refused = busctlAsUser(guest.path, "SetClientOptions", "as", "1", "egl:scale=2");
            assertNotEquals(0, refused.exitCode(), refused.toString());
            assertTrue((refused.stdout() + refused.stderr()).contains("not authorized"), refused.toString());
            assertEquals(before, guest.persistentXml(), "a refused call changes nothing");

            ExternalProcess.Result autoOpen = busctlAsUser(guest.path, "SetAutoOpen", "b", "true");
            assertEquals(0, autoOpen.exitCode(), "a listed user sets their own auto-open: " + autoOpen);
            assertEquals(List.of(user.name()), guest.property("AutoOpenUsers"), "their own choice, no one else's");

            Path rule = policies.grant(user.name(), "io.github.lgmanager1.configure");
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                ExternalProcess.Result granted;
                do {
                    Thread.sleep(200); // polkitd reloads rules.d when it notices the new file
                    granted = busctlAsUser(guest.path, "SetClientOptions", "as", "1", "egl:scale=2");
                } while (granted.exitCode() != 0 && System.nanoTime() < deadline);
                assertEquals(0, granted.exitCode(), "with a rules.d grant: " + granted);
                assertEquals(List.of("egl:scale=2"), guest.property("ClientOptions"));
            } finally {
                Files.deleteIfExists(rule);
            }
        }
    }

    private static ExternalProcess.Result busctlAsUser(DBusPath path, String method, String... signatureAndArgs) {
        String[] command = new String[7 + signatureAndArgs.length];
        String[] head = {"/usr/bin/busctl", "--system", "call", BusNames.SERVICE, path.getPath(), BusNames.VM_INTERFACE, method};
        System.arraycopy(head, 0, command, 0, head.length);
        System.arraycopy(signatureAndArgs, 0, command, head.length, signatureAndArgs.length);
        return user.run(command);
    }

    @Test
    void afterLibvirtdRestartsTheNextStartIsStillHandled() throws Exception {
        ExternalProcess.run(Duration.ofSeconds(10), "/usr/bin/pkill", "-x", "libvirtd");
        awaitLibvirtConnected(false);
        ExternalProcess.check(Duration.ofSeconds(90), "/bin/bash", "-c",
                "source ../scripts/lib/stack.sh && stack_start_libvirt");
        awaitLibvirtConnected(true);
        libvirt.close();
        libvirt = RealLibvirt.connect();

        try (Guest guest = new Guest()) {
            guest.vm.Start();
            signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());
            assertTrue(user.canReadAndWrite(guest.shm.toString()));
        }
    }

    @Test
    void aRestartedDaemonFindsTheRunningGuestAndGrantsAgain() throws Exception {
        try (Guest guest = new Guest()) {
            guest.vm.Start();
            signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());

            daemon.kill();
            ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/setfacl", "-b", guest.shm.toString());
            assertFalse(user.canReadAndWrite(guest.shm.toString()), "access removed while no daemon runs");
            signals.clear();
            daemon.close();
            daemon = DaemonProcess.start(bus);

            signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, daemon.log());
            assertTrue(user.canReadAndWrite(guest.shm.toString()), "the restarted daemon granted access again");
        }
    }

    private static void awaitLibvirtConnected(boolean expected) throws Exception {
        Properties manager = bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Properties.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Boolean.valueOf(expected).equals(manager.Get(BusNames.MANAGER_INTERFACE, "LibvirtConnected"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("LibvirtConnected never became " + expected + ": " + daemon.log());
            }
            Thread.sleep(100);
        }
    }
}
