// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import io.github.lgmanager.core.log.ProgramLogging;
import io.github.lgmanager.tray.app.DaemonActions;
import io.github.lgmanager.tray.app.TrayController;
import io.github.lgmanager.tray.core.Backoff;
import io.github.lgmanager.tray.core.TraySettings;
import io.github.lgmanager.tray.daemon.DaemonClient;
import io.github.lgmanager.tray.notify.DesktopNotifier;
import io.github.lgmanager.tray.sni.SniTray;
import io.github.lgmanager.tray.swt.SwtUi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** lg-tray's entry point: wires settings, the daemon client, the viewer launcher and a front end together. */
public final class TrayMain {
    static final String SESSION_NAME = "io.github.lgmanager1.Tray";
    private static final Logger LOG = LoggerFactory.getLogger(TrayMain.class);
    /** How often the tray asks polkit what its user may do; cheap (one call per action), and a menu is rarely older. */
    private static final long PERMISSIONS_EVERY_SECONDS = 5;

    private TrayMain() {
    }

    public static void main(String[] args) {
        // before any logger exists: dbus-java's connection chatter stays out, our INFO lines go to stderr/the journal
        ProgramLogging.configure("lg-tray", Level.INFO);
        TrayOptions options;
        try {
            options = TrayOptions.parse(args);
        } catch (TrayOptions.UsageException e) {
            System.err.println("lg-tray: " + e.getMessage());
            System.err.print(TrayOptions.usage());
            System.exit(2);
            return;
        }
        switch (options.action()) {
            case HELP -> System.out.print(TrayOptions.usage());
            case VERSION -> System.out.println(TrayOptions.version());
            case RUN -> System.exit(run(options));
        }
    }

    private static int run(TrayOptions options) {
        Map<String, String> env = System.getenv();
        // $HOME wins over the passwd entry (Java's user.home), as for every desktop program.
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        TraySettings settings;
        try {
            settings = loadSettings(TraySettings.file(env, home));
        } catch (TraySettings.InvalidSettingsException e) {
            LOG.error("{}", e.getMessage());
            return 1;
        }
        if (options.viewer() != null) {
            settings = settings.withViewer(options.viewer());
        }
        String user = System.getProperty("user.name");
        DBusConnection session = sessionBus();
        if (session != null && !claimSession(session)) {
            LOG.error("another lg-tray already runs in this session (it owns {}); two would open two viewers per VM",
                    SESSION_NAME);
            return 1;
        }
        DesktopNotifier notifier = new DesktopNotifier(session);
        TrayController controller = new TrayController(user, settings, stateDirectory(env, home), notifier, Backoff.DEFAULT,
                options.allVms());
        DaemonClient daemon;
        try {
            daemon = DaemonClient.connect(options.busAddress(), controller);
        } catch (DBusException e) {
            LOG.error("cannot connect to the {}: {}", options.busAddress() == null ? "system bus"
                    : "bus " + options.busAddress(), e.getMessage());
            return 1;
        }
        CountDownLatch quit = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Viewers end with the tray: a restarted tray could not know them, and would open a second one.
            controller.shutdown();
            daemon.close();
        }, "lg-tray-exit"));
        LOG.info("{}: user {}, viewer '{}'{}", TrayOptions.version(), user, settings.viewer(),
                options.allVms() ? ", listing every VM" : "");
        watchPermissions(daemon, controller);
        if (options.noTray()) {
            try {
                quit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        if (System.getProperty("swt.library.path") == null) {
            // SWT unpacks its native library under user.home (the passwd entry) unless told where.
            String cache = env.getOrDefault("XDG_CACHE_HOME", "");
            Path dir = (cache.isBlank() ? Path.of(home, ".cache") : Path.of(cache)).resolve("lg-manager").resolve("swt");
            try {
                Files.createDirectories(dir); // SWT writes into it but does not create it
            } catch (IOException e) {
                LOG.error("cannot create {} for SWT's native library: {}", dir, e.getMessage());
                return 1;
            }
            System.setProperty("swt.library.path", dir.toString());
        }
        SwtUi ui = new SwtUi(user);
        DaemonActions actions = new DaemonActions(controller, daemon.calls(), notifier, user, ui::quit);
        if (!options.forceXembed() && session != null && SniTray.hostPresent(session)) {
            try {
                controller.setView(SniTray.register(session, actions, user, uuid -> {
                    var vm = controller.vm(uuid);
                    if (vm != null) {
                        ui.openSettings(actions, vm);
                    }
                }));
                LOG.info("showing a StatusNotifierItem (the session has a StatusNotifierWatcher)");
            } catch (DBusException e) {
                LOG.warn("{}; using the XEmbed tray icon", e.getMessage());
                controller.setView(ui.xembedTray(actions));
            }
        } else {
            controller.setView(ui.xembedTray(actions));
        }
        ui.run(actions);
        return 0;
    }

    /**
     * Keeps the menu's greying current: polkit's answer changes when an administrator adds a rule, or for a while
     * after the user typed their password (auth_admin_keep).
     */
    private static void watchPermissions(DaemonClient daemon, TrayController controller) {
        var permissions = daemon.permissions();
        var every = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lg-tray-permissions");
            t.setDaemon(true);
            return t;
        });
        every.scheduleWithFixedDelay(() -> controller.permissions(permissions.now()), 0, PERMISSIONS_EVERY_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One tray per session: its well-known name on the session bus. */
    private static boolean claimSession(DBusConnection session) {
        try {
            session.requestBusName(SESSION_NAME);
            return true;
        } catch (DBusException e) {
            return false;
        }
    }

    private static TraySettings loadSettings(Path file) throws TraySettings.InvalidSettingsException {
        try {
            return TraySettings.parse(Files.readString(file), file);
        } catch (NoSuchFileException e) {
            return TraySettings.DEFAULTS;
        } catch (IOException e) {
            throw new TraySettings.InvalidSettingsException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Path stateDirectory(Map<String, String> env, String home) {
        String xdg = env.getOrDefault("XDG_STATE_HOME", "");
        return (xdg.isBlank() ? Path.of(home, ".local", "state") : Path.of(xdg)).resolve("lg-manager");
    }

    /** The session bus for notifications and the SNI item; none is fine (stderr and the XEmbed tray remain). */
    private static DBusConnection sessionBus() {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            LOG.warn("no session bus (DBUS_SESSION_BUS_ADDRESS unset): notifications go to stderr only");
            return null;
        }
        try {
            return DBusConnectionBuilder.forSessionBus().withShared(false).build();
        } catch (DBusException e) {
            LOG.warn("cannot connect to the session bus ({}): notifications go to stderr only", e.getMessage());
            return null;
        }
    }
}
