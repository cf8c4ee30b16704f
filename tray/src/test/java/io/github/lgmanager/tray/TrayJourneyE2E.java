// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.testkit.RealLibvirt;
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
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The tray's menu journeys as a user clicks them: the packaged lg-tray as a real non-root user under Xvfb with
 * trayer, driven by xdotool (a right click on the icon, then the keyboard through GTK's menu), against the packaged
 * lg-daemon on the system bus and the real polkitd, whose answer each test sets with a rules.d file. A libvirt
 * define takes seconds here, which is what the pending state is for. Screenshots go to
 * /var/tmp/lg-manager-tray-shots/.
 */
class TrayJourneyE2E {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("/var/tmp/lg-manager-tray-shots");
    /** trayer sits at the top right (--align right, 24 px high): our only icon is the last 22 px of the panel. */
    private static final String ICON_X = "1267";
    private static final String ICON_Y = "12";
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser user;
    private static Xvfb x;
    private static PrivateDbusDaemon session;
    private Path home;
    private TrayProcess tray;
    private Guest guest;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.root();
        Prerequisite.program("/usr/bin/xdotool", "xdotool");
                policies = InstalledPolicies.install();
        bus = DBusConnectionBuilder.forSystemBus().withShared(false).build();
        libvirt = RealLibvirt.connect();
        user = TestUser.create();
        daemon = DaemonProcess.start(bus);
        x = Xvfb.start(70);
        x.startTrayHost();
        session = PrivateDbusDaemon.start();
        Path socket = Path.of(session.address().replaceFirst("^unix:path=([^,]+).*$", "$1"));
        ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "711", socket.getParent().toString());
        Files.createDirectories(SHOTS);
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
    void defineTheUsersVm() throws Exception {
        guest = new Guest();
        home = TrayProcess.homeFor(user);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (tray != null) {
                tray.close();
            }
        } finally {
            key("Escape");
            if (guest != null) {
                guest.close();
            }
            if (home != null) {
                ExternalProcess.run(Duration.ofSeconds(10), "/bin/rm", "-rf", home.toString());
            }
        }
    }

    /** A shut-off diskless guest with the Looking Glass display on for the test user. */
    private static final class Guest implements AutoCloseable {
        final String name = "lgc-" + UniqueNames.next();
        final Path shm = Path.of("/dev/shm", name + "-lg");
        final Domain domain;
        final DBusPath path;

        Guest() throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            path = daemon.awaitVm(bus, name);
            vm().Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(List.of(user.name()), "as"),
                    "shm_name", new Variant<>(shm.getFileName().toString()))));
        }

        Vm vm() throws Exception {
            return bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
        }

        <T> T property(String name) throws Exception {
            Properties p = bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class);
            return p.Get(BusNames.VM_INTERFACE, name);
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


    private void startTray() throws Exception {
        tray = TrayProcess.start(user, home, Map.of("DISPLAY", x.display(), "DBUS_SESSION_BUS_ADDRESS", session.address()),
                "--viewer", TrayProcess.REPO.resolve("scripts/lg-viewer-standin").toString());
        await("lg-tray's icon in trayer's panel", () -> TrayIconE2E.panelHolds(x.windowTree(), "(\"lg-tray\" \"lg-tray\")"));
        // the VM is listed once the tray logged its first sync; permissions are asked right after start
        Thread.sleep(2000);
    }

    private String context() {
        return tray.log() + "\nlg-daemon log:\n" + daemon.log();
    }

    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what + "\n" + (tray == null ? "" : context()));
            }
            Thread.sleep(100);
        }
    }

    // --- the user's hands ---

    private static void xdotool(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/xdotool";
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalProcess.run(Duration.ofSeconds(10), Map.of("DISPLAY", x.display()), command);
    }

    private static void key(String... keys) throws InterruptedException {
        for (String k : keys) {
            xdotool("key", k);
            Thread.sleep(250); // GTK handles each key before the next, as it would for a person
        }
    }

    /**
     * Right-clicks the icon and opens the (only) VM's submenu with the keyboard: GTK then selects its first item a
     * user may click. Greyed items are skipped by the keyboard as by the mouse.
     */
    private static void openVmMenu() throws InterruptedException {
        xdotool("mousemove", ICON_X, ICON_Y, "click", "3");
        Thread.sleep(800);
        key("Down", "Right");
    }

    private static Path shot(String name) {
        return Screenshot.take(x.display(), SHOTS.resolve(name));
    }

    // --- journeys ---

    /**
     * Submenu of a shut-off VM with the display on, everything allowed: the first item a user may click is "Open
     * display when the VM starts", the next "Looking Glass display".
     */
    @Test
    void switchingTheDisplayOffFromTheMenuTellsTheOutcome() throws Exception {
        policies.rule(user.name(), "YES", Action.CONFIGURE.id(), Action.CONTROL.id());
        startTray();
        openVmMenu();
        shot("menu.png");
        key("Down", "Return"); // "Looking Glass display": off

        await("the display switched off", () -> !enabled());
        await("the outcome told", () -> tray.log().contains("Looking Glass display off for " + guest.name));
        assertTrue(tray.log().contains(guest.name + ": switching the Looking Glass display off…"), tray.log());
    }

    @Test
    void whatOnlyAnAdministratorMayDoIsGreyedWithTheReason() throws Exception {
        policies.rule(user.name(), "NO", Action.CONFIGURE.id(), Action.CONTROL.id());
        startTray();
        openVmMenu(); // the only item left to click is the user's own choice
        shot("greyed.png");
        key("Down", "Return"); // were "Looking Glass display" offered, this would switch it off
        Thread.sleep(8000);
        assertTrue(guest.<Boolean>property("Enabled"), "nothing the user may not do was clickable:\n" + context());
        assertFalse(daemon.log().contains("not authorized for"), "nothing was even tried:\n" + daemon.log());
    }

    @Test
    void theSettingsDialogKeepsTheEditsWhenSavingIsRefused() throws Exception {
        // a password would be asked, but no agent runs: the daemon refuses
        policies.rule(user.name(), "AUTH_SELF", Action.CONFIGURE.id(), Action.CONTROL.id());
        startTray();
        openVmMenu();
        // offered: "Open display when…", "Looking Glass display (asks…)", "Start (asks…)", "Display settings… (asks…)"
        key("Down", "Down", "Down", "Return");
        String title = "Looking Glass settings — " + guest.name;
        await("the Settings dialog", () -> x.windowTree().contains(title));
        Thread.sleep(1000);
        xdotool("search", "--name", title, "windowactivate", "--sync");
        // the focus starts in the presets; Tab to Width, type a new one
        key("Tab", "ctrl+a");
        xdotool("type", "2560");
        key("Tab", "ctrl+a");
        xdotool("type", "1440");
        key("Return"); // Save, the default button
        await("the refusal in the tray's log", () -> tray.log().contains("Cannot save the settings of " + guest.name));
        Thread.sleep(1000);
        shot("settings-refused.png");
        assertTrue(x.windowTree().contains(title), "the dialog stays open after the refusal:\n" + x.windowTree());
        assertEquals(new UInt32(1920), guest.property("Width"), "nothing was saved");
        String log = tray.log();
        assertTrue(log.contains("no password prompt could be shown"), log);
        assertFalse(log.contains("io.github.lgmanager1"), "no action ids or error names:\n" + log);
        assertFalse(log.contains("polkit/"), "no source-tree paths:\n" + log);
    }

    /**
     * The journey the design promises: a click on an action that needs the user's password brings up the polkit
     * agent registered for them, the VM shows it is working while the agent waits, and the typed password lets the
     * change through. The agent is polkit's real text agent, pkttyagent, in an xterm on the same display, registered
     * for the tray's process: a desktop's graphical agent registers for the login session instead, and this host
     * has no logind session to register for (no systemd as PID 1). Everything after the registration is the same:
     * the tray's call carries ALLOW_INTERACTIVE_AUTHORIZATION, the daemon asks polkit with interaction allowed, polkit
     * finds the agent by the caller, PAM checks the password.
     */
    @Test
    void thePasswordIsAskedByTheAgentWhileTheVmShowsItIsWorking() throws Exception {
        Prerequisite.program("/usr/bin/xterm", "xterm");
        String password = "Glass-" + UniqueNames.next();
        user.setPassword(password);
        policies.rule(user.name(), "AUTH_SELF", Action.CONFIGURE.id(), Action.CONTROL.id());
        startTray();
        Path transcript = home.resolve("agent.log");
        String title = "polkit agent for lg-tray";
        Process agent = new ProcessBuilder("/usr/sbin/runuser", "-u", user.name(), "--", "/usr/bin/env",
                "DISPLAY=" + x.display(), "HOME=" + home, "/usr/bin/xterm", "-geometry", "100x14+60+120",
                "-title", title, "-e", "/usr/bin/script", "--quiet", "--flush", "--command",
                "/usr/bin/pkttyagent --process " + tray.javaPid(), transcript.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await("the agent's terminal", () -> x.windowTree().contains(title));
            Thread.sleep(2000); // pkttyagent registers with polkitd once it runs
            openVmMenu();
            key("Down", "Return"); // "Looking Glass display (asks for your password)": off

            await("the agent's password prompt", () -> read(transcript).contains("Password:"));
            assertTrue(read(transcript).contains("Authentication is required to change a virtual machine's Looking"
                    + " Glass configuration"), read(transcript));
            Thread.sleep(1000);
            shot("password-prompt.png"); // the busy icon in the panel, the agent's prompt below
            openVmMenu();
            Thread.sleep(500);
            shot("busy-menu.png"); // the VM's submenu while the change waits for the password
            key("Escape", "Escape", "Escape");
            assertTrue(enabled(), "nothing changes before the password");
            assertTrue(tray.log().contains(guest.name + ": switching the Looking Glass display off…"), tray.log());

            xdotool("search", "--name", title, "windowfocus", "--sync");
            xdotool("type", "--delay", "60", password);
            key("Return");
            await("the display switched off", () -> !enabled());
            await("the outcome told", () -> tray.log().contains("Looking Glass display off for " + guest.name));
            assertTrue(read(transcript).contains("AUTHENTICATION COMPLETE"), read(transcript));
            assertFalse(read(transcript).contains(password), "the password is never echoed");
        } finally {
            // xterm's children (script, pkttyagent) would outlive it: end the whole tree
            agent.descendants().forEach(ProcessHandle::destroy);
            agent.destroy();
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private boolean enabled() {
        try {
            return guest.<Boolean>property("Enabled");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
