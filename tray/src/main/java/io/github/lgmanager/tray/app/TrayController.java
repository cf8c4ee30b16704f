package io.github.lgmanager.tray.app;

import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.trace.Trace;
import io.github.lgmanager.tray.core.AutoOpenPolicy;
import io.github.lgmanager.tray.core.AutoOpenPolicy.Reason;
import io.github.lgmanager.tray.core.AutoOpenPolicy.ViewerStatus;
import io.github.lgmanager.tray.core.Backoff;
import io.github.lgmanager.tray.core.ViewerFailure;
import io.github.lgmanager.tray.core.DisplayTarget;
import io.github.lgmanager.tray.core.TrayIconState;
import io.github.lgmanager.tray.core.TraySettings;
import io.github.lgmanager.tray.core.ViewerCommand;
import io.github.lgmanager.tray.core.VisibleVms;
import io.github.lgmanager.tray.core.VmState;
import io.github.lgmanager.tray.daemon.DaemonEvents;
import io.github.lgmanager.tray.notify.DesktopNotifier;
import io.github.lgmanager.tray.viewer.ViewerLauncher;
import io.github.lgmanager.tray.viewer.ViewerStartException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The tray's brain: daemon events and viewer exits in, viewers and notifications out, decisions taken by the pure
 * {@link AutoOpenPolicy} and {@link Backoff}. All state lives on one thread ({@code state}); user actions that call
 * the daemon (which may wait for a polkit prompt) run on another so they never hold up auto-open.
 */
public final class TrayController implements DaemonEvents {
    private static final String ERROR_PREFIX = "io.github.lgmanager1.Error.";
    private final String user;
    private final TraySettings settings;
    private final ViewerLauncher launcher;
    private final DesktopNotifier notifier;
    private final Backoff backoff;
    private final ScheduledExecutorService state = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "lg-tray-state"));
    private final ExecutorService actions = Executors.newCachedThreadPool(r -> daemonThread(r, "lg-tray-action"));
    private final Map<String, VmState> vms = new LinkedHashMap<>();
    private final Map<String, DisplayTarget> targets = new HashMap<>();
    private final Map<String, Integer> crashes = new HashMap<>();
    private final Set<String> dismissed = new HashSet<>();
    private final Set<String> backingOff = new HashSet<>();
    private volatile TrayView view = model -> { };
    private boolean daemonPresent;

    public TrayController(String user, TraySettings settings, java.nio.file.Path logDirectory, DesktopNotifier notifier, Backoff backoff) {
        this.user = user;
        this.settings = settings;
        this.notifier = notifier;
        this.backoff = backoff;
        this.launcher = new ViewerLauncher(logDirectory, exit -> state.execute(() -> viewerExited(exit)));
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void setView(TrayView view) {
        this.view = view;
        state.execute(this::publish);
    }

    public ViewerLauncher launcher() {
        return launcher;
    }

    // --- daemon events (arrive on the daemon client's thread; handled on ours) ---

    @Override
    public void synced(Map<String, VmState> fresh, boolean present) {
        state.execute(() -> {
            daemonPresent = present;
            if (!present) {
                publish();
                return; // keep what we knew; viewers stay open while the daemon restarts
            }
            vms.clear();
            vms.putAll(fresh);
            for (VmState vm : fresh.values()) {
                if (!vm.running()) {
                    vmStopped(vm);
                } else if (AutoOpenPolicy.onSync(vm, user, status(vm.path())) == Reason.OPEN) {
                    open(vm, vm.display());
                }
            }
            // A viewer whose VM vanished while the daemon was away has nothing left to show.
            for (String path : List.copyOf(targets.keySet())) {
                if (!fresh.containsKey(path)) {
                    launcher.close(path);
                    forget(path);
                }
            }
            publish();
        });
    }

    @Override
    public void changed(VmState vm) {
        state.execute(() -> {
            vms.put(vm.path(), vm);
            publish();
        });
    }

    @Override
    public void removed(String path, String name) {
        state.execute(() -> {
            vms.remove(path);
            launcher.close(path);
            forget(path);
            publish();
        });
    }

    @Override
    public void displayReady(VmState vm, DisplayTarget target) {
        state.execute(() -> {
            Trace.mark("tray.display-ready-on-state-thread", vm.path());
            vms.put(vm.path(), vm);
            if (AutoOpenPolicy.onDisplayReady(vm, user, status(vm.path())) == Reason.OPEN) {
                open(vm, target);
            }
            publish();
        });
    }

    @Override
    public void displayClosed(VmState vm) {
        state.execute(() -> {
            vms.put(vm.path(), vm);
            vmStopped(vm);
            publish();
        });
    }

    @Override
    public void displayFailed(VmState vm, String reason) {
        state.execute(() -> {
            vms.put(vm.path(), vm);
            if (vm.listsUser(user)) {
                notifier.error("The display of " + vm.name() + " cannot be opened", reason);
            }
            publish();
        });
    }

    // --- viewers ---

    private ViewerStatus status(String path) {
        if (launcher.isRunning(path)) {
            return ViewerStatus.RUNNING;
        }
        if (backingOff.contains(path)) {
            return ViewerStatus.BACKING_OFF;
        }
        return dismissed.contains(path) ? ViewerStatus.DISMISSED : ViewerStatus.NONE;
    }

    private void open(VmState vm, DisplayTarget target) {
        targets.put(vm.path(), target);
        List<String> argv = ViewerCommand.build(settings.viewer(), target, vm.clientOptions(), settings.viewerOptions());
        try {
            launcher.open(vm.path(), vm.name(), argv);
        } catch (ViewerStartException e) {
            // Not a crash: retrying cannot help until the user installs or configures the viewer.
            dismissed.add(vm.path());
            notifier.error("Cannot open the display of " + vm.name(), e.getMessage());
        }
    }

    private void vmStopped(VmState vm) {
        if (AutoOpenPolicy.closeWhenStopped(vm, settings.closeOnDisplayClosed(), status(vm.path()))) {
            launcher.close(vm.path());
        }
        forget(vm.path());
    }

    private void forget(String path) {
        targets.remove(path);
        crashes.remove(path);
        dismissed.remove(path);
        backingOff.remove(path);
    }

    private void viewerExited(ViewerLauncher.Exit exit) {
        String path = exit.vm();
        VmState vm = vms.get(path);
        if (exit.closedByUs() || vm == null || !vm.running()) {
            publish();
            return;
        }
        Backoff.Decision decision = backoff.afterExit(exit.ranFor(), exit.exitCode(), crashes.getOrDefault(path, 0));
        Optional<ViewerFailure> failure = decision instanceof Backoff.Done ? Optional.empty()
                : ViewerFailure.of(launcher.lastLines(vm.name(), 40), vm.name());
        if (failure.isPresent() && !failure.get().retry()) {
            // certain to fail the same way again: say so once instead of flashing a window a few more times
            backingOff.add(path);
            notifier.error("Looking Glass cannot show " + vm.name(), "looking-glass-client said: \""
                    + failure.get().lastError() + "\". " + capitalized(failure.get().fix()) + ".");
        } else if (decision instanceof Backoff.Retry retry) {
            crashes.put(path, retry.attempt());
            backingOff.add(path);
            state.schedule(() -> retry(path), retry.after().toMillis(), TimeUnit.MILLISECONDS);
        } else if (decision instanceof Backoff.GiveUp giveUp) {
            backingOff.add(path);
            notifier.error("The Looking Glass viewer for " + vm.name() + " keeps crashing",
                    "It exited " + giveUp.crashes() + " times right after starting (last status " + exit.exitCode()
                            + (failure.isPresent() ? ", last said: \"" + failure.get().lastError() + "\"; "
                                    + failure.get().fix() : "") + "). Its output is in " + launcher.logFile(vm.name())
                            + ". Open it again from the tray menu.");
        } else {
            crashes.remove(path);
            dismissed.add(path); // the user closed it: "Open display" in the menu brings it back
        }
        publish();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void retry(String path) {
        VmState vm = vms.get(path);
        DisplayTarget target = targets.get(path);
        if (vm != null && vm.running() && target != null && backingOff.remove(path)) {
            open(vm, target);
            publish();
        }
    }

    // --- user actions ---

    /** A call into the daemon for the user, e.g. from the menu; may wait for a polkit prompt. */
    public interface Action {
        void run() throws Exception;
    }

    /** Runs a user action off the state thread; a failure becomes a notification naming what failed. */
    public void runAction(String what, Action action) {
        actions.execute(() -> {
            try {
                action.run();
            } catch (Exception e) {
                reportFailure(what, e);
            }
        });
    }

    /** "Open display": asks the daemon to verify and re-grant, then opens; clears a dismissal or a backoff. */
    public void openDisplayNow(String path, Callable<DisplayTarget> requestOpen) {
        runAction("Cannot open the display", () -> {
            DisplayTarget target = requestOpen.call();
            state.execute(() -> {
                dismissed.remove(path);
                backingOff.remove(path);
                crashes.remove(path);
                VmState vm = vms.get(path);
                if (vm != null && !launcher.isRunning(path)) {
                    open(vm, target);
                }
                publish();
            });
        });
    }

    /** Shows a failure as a notification: the daemon's one-line message, and its stable error name. */
    public void reportFailure(String what, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof DBusExecutionException d && LgManagerErrors.nameOf(d).startsWith(ERROR_PREFIX)) {
            message = message + " (" + LgManagerErrors.nameOf(d).substring(ERROR_PREFIX.length()) + ")";
        }
        notifier.error(what, message);
    }

    public void info(String summary, String body) {
        notifier.info(summary, body);
    }

    public VmState vm(String path) {
        try {
            return state.submit(() -> vms.get(path)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private void publish() {
        List<VmState> visible = VisibleVms.forUser(vms.values(), user);
        List<TrayModel.Entry> entries = visible.stream().map(vm -> new TrayModel.Entry(vm, launcher.isRunning(vm.path()))).toList();
        TrayModel model = new TrayModel(entries, TrayIconState.of(visible, launcher.runningCount(), !daemonPresent), daemonPresent);
        view.show(model);
    }

    public void shutdown() {
        actions.shutdownNow();
        state.shutdownNow();
        launcher.closeAll();
    }
}
