// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import io.github.lgmanager.api.EnableOptionsCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.SignalRecorder;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import io.github.lgmanager.testkit.Xvfb;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * lg-tray as a user gets it: the packaged jar running as a real non-root user under Xvfb with trayer as tray host,
 * the packaged lg-daemon on the system bus with polkitd, libvirtd starting a real TCG guest. The viewer is
 * scripts/lg-viewer-standin (looking-glass-client is not in Debian), which records its arguments and whether it
 * may open the shared memory.
 */
class TrayE2E {
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(90);
    private static final Path STANDIN = TrayProcess.REPO.resolve("scripts/lg-viewer-standin");
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static SignalRecorder signals;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser user;
    private static Xvfb x;
    private static PrivateDbusDaemon session;
    private Path home;
    private StandinRecord record;
    private TrayProcess tray;
    private Guest guest;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.root();
        Prerequisite.program("/usr/sbin/runuser", "util-linux");
        Prerequisite.program("/usr/bin/xwd", "x11-apps");
        Prerequisite.program("/usr/bin/convert", "imagemagick");
        policies = InstalledPolicies.install();
        bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        signals = new SignalRecorder(bus);
        libvirt = RealLibvirt.connect();
        user = TestUser.create();
        daemon = DaemonProcess.start(bus);
        x = Xvfb.start();
        x.startTrayHost();
        session = PrivateDbusDaemon.start();
        // The private bus's socket sits in a root-only temporary folder; the desktop user must reach it.
        Path socket = Path.of(session.address().replaceFirst("^unix:path=([^,]+).*$", "$1"));
        ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "711", socket.getParent().toString());
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {session, x, daemon, user, libvirt::close, bus, policies}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @BeforeEach
    void startTray() throws Exception {
        guest = new Guest();
        home = TrayProcess.homeFor(user);
        record = new StandinRecord(home.resolve("standin.record"));
        tray = TrayProcess.start(user, home, Map.of("DISPLAY", x.display(), "DBUS_SESSION_BUS_ADDRESS", session.address(),
                "LG_STANDIN_RECORD", record.file().toString()), "--viewer", STANDIN.toString());
    }

    @AfterEach
    void stopTray() throws Exception {
        try {
            if (tray != null) {
                tray.close();
            }
        } finally {
            if (guest != null) {
                guest.close();
            }
            if (home != null) {
                ExternalProcess.run(Duration.ofSeconds(10), "/bin/rm", "-rf", home.toString());
            }
        }
    }

    /** A diskless guest the daemon has enabled for the user, with auto-open and a client option. */
    private static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next();
        final Path shm = Path.of("/dev/shm", name + "-lg");
        final Domain domain;
        final DBusPath path;

        Guest() throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            path = daemon.awaitVm(bus, name);
            Vm vm = bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
            vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(List.of(user.name()), "as"),
                    "auto_open", new Variant<>(true), "auto_open_user", new Variant<>(user.name()),
                    "client_options", new Variant<>(List.of("egl:scale=2"), "as"),
                    "shm_name", new Variant<>(shm.getFileName().toString()))));
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            if (Files.exists(shm, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(shm);
            }
        }
    }


    private String context() {
        return tray.log() + "\nlg-daemon log:\n" + daemon.log();
    }

    private Manager.DisplayReady awaitDisplayReady() throws InterruptedException {
        return signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, context());
    }

    private List<StandinRecord.Line> awaitStarts(int count) throws InterruptedException {
        return record.await(count + " start(s)", lines -> lines.stream().filter(l -> l.event().equals("start")).count() >= count,
                SIGNAL_TIMEOUT, context());
    }

    private void awaitStops(int count) throws InterruptedException {
        record.await(count + " stop(s)", lines -> lines.stream().filter(l -> l.event().equals("stop")).count() >= count,
                SIGNAL_TIMEOUT, context());
    }

    /** Waits until the tray's icon sits in trayer's panel: the tray is up and listening. */
    private void awaitTrayIcon() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!TrayIconE2E.panelHolds(x.windowTree(), "(\"lg-tray\" \"lg-tray\")")) {
            if (System.nanoTime() > deadline || !tray.isAlive()) {
                throw new AssertionError("lg-tray's icon never appeared in trayer's panel:\n" + x.windowTree() + "\n" + context());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void startingTheVmOpensTheViewerOnceWithTheRightArgumentsAndStoppingItClosesIt() throws Exception {
        awaitTrayIcon();
        signals.clear();

        guest.domain.create();

        Manager.DisplayReady ready = awaitDisplayReady();
        List<StandinRecord.Line> lines = awaitStarts(1);
        StandinRecord.Line start = lines.stream().filter(l -> l.event().equals("start")).findFirst().orElseThrow();
        assertEquals(List.of("-f", guest.shm.toString(), "-c", "127.0.0.1", "-p", Integer.toString(ready.getSpicePort()),
                "egl:scale=2"), start.words(), "the viewer's argument list");
        record.await("an access check", l -> l.stream().anyMatch(e -> e.event().equals("access")), SIGNAL_TIMEOUT, context());
        assertEquals(List.of("ok", guest.shm.toString()), record.events("access").get(0).words(),
                "the viewer, running as the desktop user, may open the shared memory");
        Path screenshot = Screenshot.take(x.display(), Path.of("target/tray-e2e.png"));
        assertTrue(Files.size(screenshot) > 0, "screenshot " + screenshot);

        guest.domain.destroy();

        signals.await(Manager.DisplayClosed.class, s -> s.getVm().equals(guest.path), SIGNAL_TIMEOUT, context());
        awaitStops(1);
        assertEquals(1, record.events("start").size(), "exactly one viewer was started:\n" + record.text());
    }

    @Test
    void aViewerThatCannotAuthenticateToSpiceIsNotRestartedAndTheUserIsToldOnceWhy() throws Exception {
        // B7's own last line against a SPICE server with a password, which it has no way to send
        String said = "[E] 1234ms spice.c:123 | spice_connect | Server reported link error: 7";
        tray.close();
        tray = TrayProcess.start(user, home, Map.of("DISPLAY", x.display(), "DBUS_SESSION_BUS_ADDRESS", session.address(),
                "LG_STANDIN_RECORD", record.file().toString(), "LG_STANDIN_FAIL_SAYING", said), "--viewer", STANDIN.toString());
        awaitTrayIcon();

        guest.domain.create();
        awaitDisplayReady();
        awaitStarts(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!tray.log().contains("Looking Glass cannot show " + guest.name) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(8_000); // longer than the first two retry delays (2 s, 4 s) would have taken

        assertEquals(1, record.events("start").size(), "started once, not again and again:\n" + record.text());
        String log = tray.log();
        assertEquals(1, log.split("Looking Glass cannot show " + guest.name, -1).length - 1, "one notification:\n" + log);
        assertTrue(log.contains("looking-glass-client said: \"Server reported link error: 7\". The VM's SPICE server asks"
                + " for a password, which looking-glass-client B7 cannot send"), log);
    }

    @Test
    void aSecondDisplayReadyFromARestartedDaemonStartsNoSecondViewer() throws Exception {
        awaitTrayIcon();
        guest.domain.create();
        awaitStarts(1);

        restartDaemon();
        // The restarted daemon finds the guest running and announces DisplayReady again.
        awaitDisplayReady();
        Thread.sleep(3000); // time for the tray to (wrongly) react; nothing observable marks "decided not to"

        assertEquals(1, record.events("start").size(), "one viewer per VM:\n" + record.text());
        assertEquals(0, record.events("stop").size(), "the viewer stayed open across the daemon restart:\n" + record.text());
    }

    @Test
    void aVmThatStoppedWhileTheDaemonWasAwayIsClosedAtResyncAndTheNextStartOpensAgain() throws Exception {
        awaitTrayIcon();
        guest.domain.create();
        awaitStarts(1);

        daemon.kill();
        guest.domain.destroy(); // no daemon, so no DisplayClosed: only a re-sync can notice
        signals.clear();
        daemon.close();
        daemon = DaemonProcess.start(bus);

        awaitStops(1);
        guest.domain.create();
        awaitDisplayReady();
        List<StandinRecord.Line> lines = awaitStarts(2);
        assertEquals(2, lines.stream().filter(l -> l.event().equals("start")).count(), record.text());
    }

    private static void restartDaemon() throws Exception {
        signals.clear();
        daemon.close();
        daemon = DaemonProcess.start(bus);
    }
}
