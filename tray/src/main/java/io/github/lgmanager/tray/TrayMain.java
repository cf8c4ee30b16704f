package io.github.lgmanager.tray;

import io.github.lgmanager.api.ProductVersion;
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
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/** lg-tray's entry point: wires settings, the daemon client, the viewer launcher and a front end together. */
public final class TrayMain {
    static final String SESSION_NAME = "io.github.lgmanager1.Tray";
    private TrayMain() {
    }

    public static void main(String[] args) {
        TrayOptions options;
        try {
            options = TrayOptions.parse(args);
        } catch (TrayOptions.UsageException e) {
            System.err.println("lg-tray: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (options.action()) {
            case HELP -> System.out.print(TrayOptions.USAGE);
            case VERSION -> System.out.println("lg-tray " + ProductVersion.get());
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
            System.err.println("lg-tray: " + e.getMessage());
            return 1;
        }
        if (options.viewer() != null) {
            settings = settings.withViewer(options.viewer());
        }
        String user = System.getProperty("user.name");
        DBusConnection session = sessionBus();
        if (session != null && !claimSession(session)) {
            System.err.println("lg-tray: another lg-tray already runs in this session (it owns " + SESSION_NAME
                    + "); two would open two viewers per VM");
            return 1;
        }
        DesktopNotifier notifier = new DesktopNotifier(session);
        TrayController controller = new TrayController(user, settings, stateDirectory(env, home), notifier, Backoff.DEFAULT);
        DaemonClient daemon;
        try {
            daemon = DaemonClient.connect(options.busAddress(), controller);
        } catch (DBusException e) {
            System.err.println("lg-tray: cannot connect to the " + (options.busAddress() == null ? "system bus" : "bus "
                    + options.busAddress()) + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch quit = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Viewers end with the tray: a restarted tray could not know them, and would open a second one.
            controller.shutdown();
            daemon.close();
        }, "lg-tray-exit"));
        System.err.println("lg-tray " + ProductVersion.get() + ": user " + user + ", viewer '" + settings.viewer() + "'");
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
                System.err.println("lg-tray: cannot create " + dir + " for SWT's native library: " + e.getMessage());
                return 1;
            }
            System.setProperty("swt.library.path", dir.toString());
        }
        SwtUi ui = new SwtUi(user);
        DaemonActions actions = new DaemonActions(controller, daemon.calls(), user, ui::quit);
        if (!options.forceXembed() && session != null && SniTray.hostPresent(session)) {
            try {
                controller.setView(SniTray.register(session, actions, user, path -> {
                    var vm = controller.vm(path);
                    if (vm != null) {
                        ui.openSettings(actions, vm);
                    }
                }));
                System.err.println("lg-tray: showing a StatusNotifierItem (" + SniTray.class.getSimpleName() + ")");
            } catch (DBusException e) {
                System.err.println("lg-tray: " + e.getMessage() + "; using the XEmbed tray icon");
                controller.setView(ui.xembedTray(actions));
            }
        } else {
            controller.setView(ui.xembedTray(actions));
        }
        ui.run(actions);
        return 0;
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
            System.err.println("lg-tray: no session bus (DBUS_SESSION_BUS_ADDRESS unset): notifications go to stderr only");
            return null;
        }
        try {
            return DBusConnectionBuilder.forSessionBus().withShared(false).build();
        } catch (DBusException e) {
            System.err.println("lg-tray: cannot connect to the session bus (" + e.getMessage() + "): notifications go to stderr only");
            return null;
        }
    }
}
