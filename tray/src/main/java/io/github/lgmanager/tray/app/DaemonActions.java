// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.Pending;
import io.github.lgmanager.tray.daemon.VmCalls;
import io.github.lgmanager.tray.notify.DesktopNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The menu's and dialog's actions as daemon calls. A change is marked pending on the controller (its items greyed,
 * the icon busy) until the daemon answers; its outcome, success or refusal, is one notification per VM that
 * replaces the previous one. The calls run on their own threads: one may wait for a polkit prompt, and must not
 * hold up auto-open on the controller's thread.
 */
public final class DaemonActions implements TrayActions {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonActions.class);
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

    /** A call into the daemon for the user; may wait for a polkit prompt. Returns the outcome's notification body. */
    private interface Action {
        String run() throws Exception;
    }

    /**
     * Runs a change off the caller's thread while the VM shows it pending; a second change for the same VM while one
     * is under way is ignored (its item is greyed, but a menu drawn just before may still be open).
     *
     * @return completes with empty on success, or with the failure's words
     */
    private CompletableFuture<Optional<String>> change(String vm, Pending pending, String done, String failed, Action action) {
        CompletableFuture<Optional<String>> outcome = new CompletableFuture<>();
        if (!controller.begin(vm, pending)) {
            LOG.info("{}: a change is already under way; ignoring the click", name(vm));
            outcome.complete(Optional.of("another change of " + name(vm) + " is still under way"));
            return outcome;
        }
        LOG.info("{}: {}", name(vm), pending.doing());
        running.execute(() -> {
            try {
                String body = action.run();
                controller.answered(vm, true);
                notifier.info(vm, done, body);
                outcome.complete(Optional.empty());
            } catch (Exception e) {
                controller.answered(vm, false);
                String why = Refusals.explain(e);
                notifier.error(vm, failed, why);
                outcome.complete(Optional.of(why));
            }
        });
        return outcome;
    }

    /** An action that changes nothing shown (open a display): only its failure is told. */
    private void act(String vm, String failed, Action action) {
        running.execute(() -> {
            try {
                action.run();
            } catch (Exception e) {
                notifier.error(vm, failed, Refusals.explain(e));
            }
        });
    }

    private String name(String vm) {
        VmView state = controller.vm(vm);
        return state == null ? vm : state.name();
    }

    /** RequestOpen re-verifies and re-grants before the viewer starts; its refusals (NotRunning, Unsafe, …) stand. */
    @Override
    public void openDisplay(String vm) {
        act(vm, "Cannot open the display of " + name(vm), () -> {
            controller.openRequested(vm, calls.requestOpen(vm));
            return "";
        });
    }

    @Override
    public void setAutoOpen(String vm, boolean on) {
        String name = name(vm);
        String what = on ? "open" : "not open";
        change(vm, new Pending("saving your choice…", v -> v.autoOpenUsers().contains(user) == on),
                name + ": the display will " + what + " when the VM starts", "Cannot change when " + name + "'s display opens",
                () -> {
                    calls.setAutoOpen(vm, on);
                    return "";
                });
    }

    @Override
    public void setDisplay(String vm, boolean on) {
        String name = name(vm);
        String onOff = on ? "on" : "off";
        change(vm, new Pending("switching the Looking Glass display " + onOff + "…", v -> v.enabled() == on),
                "Looking Glass display " + onOff + " for " + name, "Cannot switch the Looking Glass display " + onOff + " for " + name,
                () -> {
                    List<String> notes;
                    if (on) {
                        VmView state = controller.vm(vm);
                        notes = calls.enable(vm, enableOptions(state, user)); // the VM's resolution and HDR are kept
                    } else {
                        notes = calls.disable(vm);
                    }
                    return String.join("\n", notes);
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
        String name = name(vm);
        change(vm, new Pending("starting…", VmView::running), name + " started", "Cannot start " + name, () -> {
            calls.start(vm);
            return "";
        });
    }

    @Override
    public void shutdown(String vm) {
        String name = name(vm);
        // the guest takes its time to stop: the answer means "asked", not "off"
        change(vm, Pending.until("asking the guest to shut down…"), name + " is shutting down", "Cannot shut down " + name, () -> {
            calls.shutdown(vm);
            return "";
        });
    }

    @Override
    public CompletableFuture<Optional<String>> applySettings(String vm, int width, int height, boolean hdr,
            List<String> clientOptions, List<String> users) {
        String name = name(vm);
        return change(vm, Pending.until("saving the display settings…"), "Settings of " + name,
                "Cannot save the settings of " + name, () -> {
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
                    return notes.isEmpty() ? "nothing to change" : String.join("\n", notes);
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
