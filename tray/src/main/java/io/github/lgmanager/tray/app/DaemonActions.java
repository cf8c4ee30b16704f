// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.daemon.VmCalls;
import io.github.lgmanager.tray.notify.DesktopNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/**
 * The menu's and dialog's actions as daemon calls; results the user should read (the daemon's notes) and failures
 * are notified. The calls run on their own threads: one may wait for a polkit prompt, and must not hold up
 * auto-open on the controller's thread.
 */
public final class DaemonActions implements TrayActions {
    private static final String ERROR_PREFIX = "io.github.lgmanager1.Error.";
    private final TrayController controller;
    private final VmCalls calls;
    private final DesktopNotifier notifier;
    private final String user;
    private final Runnable quit;
    private final ExecutorService running = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lg-tray-action");
        t.setDaemon(true);
        return t;
    });

    public DaemonActions(TrayController controller, VmCalls calls, DesktopNotifier notifier, String user, Runnable quit) {
        this.controller = controller;
        this.calls = calls;
        this.notifier = notifier;
        this.user = user;
        this.quit = quit;
    }

    /** A call into the daemon for the user; may wait for a polkit prompt. */
    private interface Action {
        void run() throws Exception;
    }

    /** Runs a user action off the caller's thread; a failure becomes a notification naming what failed. */
    private void runAction(String what, Action action) {
        running.execute(() -> {
            try {
                action.run();
            } catch (Exception e) {
                reportFailure(what, e);
            }
        });
    }

    /** Shows a failure as a notification: the daemon's one-line message, and its stable error name. */
    private void reportFailure(String what, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof DBusExecutionException d && LgManagerErrors.nameOf(d).startsWith(ERROR_PREFIX)) {
            message = message + " (" + LgManagerErrors.nameOf(d).substring(ERROR_PREFIX.length()) + ")";
        }
        notifier.error(what, message);
    }

    private String name(String vm) {
        VmView state = controller.vm(vm);
        return state == null ? vm : state.name();
    }

    /** RequestOpen re-verifies and re-grants before the viewer starts; its refusals (NotRunning, Unsafe, …) stand. */
    @Override
    public void openDisplay(String vm) {
        runAction("Cannot open the display of " + name(vm), () -> controller.openRequested(vm, calls.requestOpen(vm)));
    }

    @Override
    public void setAutoOpen(String vm, boolean on) {
        runAction("Cannot change \"Open automatically\" for " + name(vm), () -> calls.setAutoOpen(vm, on));
    }

    @Override
    public void setPassthrough(String vm, boolean on) {
        String name = name(vm);
        runAction("Cannot switch Looking Glass " + (on ? "on" : "off") + " for " + name, () -> {
            List<String> notes;
            if (on) {
                VmView state = controller.vm(vm);
                notes = calls.enable(vm, enableOptions(state, user)); // the VM's resolution and HDR are kept
            } else {
                notes = calls.disable(vm);
            }
            notifier.info("Looking Glass " + (on ? "on" : "off") + " for " + name, String.join("\n", notes));
        });
    }

    /** Enabling from the tray lists the user who clicked, so the display is theirs. */
    static Map<String, Variant<?>> enableOptions(VmView state, String user) {
        List<String> users = new ArrayList<>(state == null ? List.of() : state.users());
        if (!users.contains(user)) {
            users.add(user);
        }
        return options(Optional.of(users), Optional.empty());
    }

    /** Enable's options through the contract's one codec: only what the tray sets, so the daemon keeps the rest. */
    private static Map<String, Variant<?>> options(Optional<List<String>> users, Optional<List<String>> clientOptions) {
        return EnableOptionsCodec.encode(EnableRequest.KEEP_ALL.withSettings(SettingsChange.NONE.withUsers(users)
                .withClientOptions(clientOptions)));
    }

    @Override
    public void start(String vm) {
        runAction("Cannot start " + name(vm), () -> calls.start(vm));
    }

    @Override
    public void shutdown(String vm) {
        runAction("Cannot shut down " + name(vm), () -> calls.shutdown(vm));
    }

    @Override
    public void applySettings(String vm, int width, int height, boolean hdr, List<String> clientOptions, List<String> users) {
        String name = name(vm);
        runAction("Cannot save the settings of " + name, () -> {
            VmView state = controller.vm(vm);
            List<String> notes = new ArrayList<>();
            if (state == null || !state.enabled()) {
                notes.addAll(calls.enable(vm, EnableOptionsCodec.sized(width, height, hdr,
                        options(Optional.of(users), Optional.of(clientOptions)))));
            } else {
                if (state.width() != width || state.height() != height || state.hdr() != hdr) {
                    notes.addAll(calls.resize(vm, width, height, hdr));
                }
                if (!state.clientOptions().equals(clientOptions)) {
                    calls.setClientOptions(vm, clientOptions);
                    notes.add("client options: " + (clientOptions.isEmpty() ? "none" : String.join(" ", clientOptions)));
                }
                if (!state.users().equals(users)) {
                    calls.setUsers(vm, users);
                    notes.add("users: " + String.join(", ", users));
                }
            }
            notifier.info("Settings of " + name, notes.isEmpty() ? "nothing to change" : String.join("\n", notes));
        });
    }

    @Override
    public int computeShmSize(int width, int height, boolean hdr, String formula) {
        try {
            return calls.computeShmSize(width, height, hdr, formula);
        } catch (DBusException | DBusExecutionException e) {
            return -1;
        }
    }

    @Override
    public void quit() {
        quit.run();
    }
}
