// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.trace.Trace;
import io.github.lgmanager.tray.core.Backoff;
import io.github.lgmanager.tray.core.DisplayTarget;
import io.github.lgmanager.tray.core.Pending;
import io.github.lgmanager.tray.core.Permissions;
import io.github.lgmanager.tray.core.TrayIconState;
import io.github.lgmanager.tray.core.TraySettings;
import io.github.lgmanager.tray.core.ViewerCommand;
import io.github.lgmanager.tray.core.ViewerSession.Step;
import io.github.lgmanager.tray.core.ViewerSession;
import io.github.lgmanager.tray.core.VisibleVms;
import io.github.lgmanager.tray.daemon.DaemonEvents;
import io.github.lgmanager.tray.notify.DesktopNotifier;
import io.github.lgmanager.tray.viewer.ViewerLauncher;
import io.github.lgmanager.tray.viewer.ViewerStartException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray's brain: daemon events and viewer exits in, viewers and notifications out. Each VM's state and
 * decisions live in its {@link ViewerSession}; this class only routes events to sessions and carries out the steps
 * they return. All of it runs on one thread ({@code state}), so sessions need no locks.
 */
public final class TrayController implements DaemonEvents {
    private static final Logger LOG = LoggerFactory.getLogger(TrayController.class);
    /** How long a change the daemon accepted stays pending while its property signal is on its way. */
    static final long SETTLE_WAIT_MILLIS = 3000;
    private final String user;
    private final TraySettings settings;
    private final ViewerLauncher launcher;
    private final DesktopNotifier notifier;
    private final Backoff backoff;
    private final ScheduledExecutorService state = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lg-tray-state");
        t.setDaemon(true);
        return t;
    });
    /** One per VM the daemon lists, by UUID. */
    private final Map<String, ViewerSession> sessions = new LinkedHashMap<>();
    private volatile TrayView view = model -> { };
    private boolean daemonPresent;
    /** Changes the user asked for, by VM UUID, until the daemon answered and the VM shows the change. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile Permissions permissions = Permissions.UNKNOWN;
    private final boolean allVms;

    public TrayController(String user, TraySettings settings, Path logDirectory, DesktopNotifier notifier, Backoff backoff) {
        this(user, settings, logDirectory, notifier, backoff, false);
    }

    /** @param allVms list every VM of the host, not only the user's own (lg-tray --all-vms, for administrators) */
    public TrayController(String user, TraySettings settings, Path logDirectory, DesktopNotifier notifier, Backoff backoff,
            boolean allVms) {
        this.allVms = allVms;
        this.user = user;
        this.settings = settings;
        this.notifier = notifier;
        this.backoff = backoff;
        this.launcher = new ViewerLauncher(logDirectory, exit -> state.execute(() -> viewerExited(exit)));
    }

    public void setView(TrayView view) {
        this.view = view;
        state.execute(this::publish);
    }

    // --- daemon events (arrive on the daemon client's thread; handled on ours) ---

    @Override
    public void synced(List<VmView> fresh, boolean present) {
        state.execute(() -> {
            daemonPresent = present;
            if (present) { // while the daemon is away, keep what we knew: viewers stay open across its restart
                Set<String> listed = new HashSet<>();
                for (VmView vm : fresh) {
                    listed.add(vm.uuid());
                    ViewerSession session = session(vm);
                    carryOut(session, session.synced(vm, user, settings.closeOnDisplayClosed()));
                }
                for (Iterator<ViewerSession> it = sessions.values().iterator(); it.hasNext();) {
                    ViewerSession session = it.next();
                    if (!listed.contains(session.vm().uuid())) {
                        carryOut(session, session.removed());
                        it.remove();
                    }
                }
            }
            publish();
        });
    }

    @Override
    public void changed(VmView vm) {
        state.execute(() -> {
            session(vm).update(vm);
            settleIfShown(vm);
            publish();
        });
    }

    @Override
    public void removed(String uuid, String name) {
        state.execute(() -> {
            ViewerSession session = sessions.remove(uuid);
            if (session != null) {
                carryOut(session, session.removed());
            }
            publish();
        });
    }

    @Override
    public void displayReady(VmView vm, DisplayTarget target) {
        state.execute(() -> {
            // the bench matches the tray's marks by object path (docs/benchmarks.md)
            Trace.mark("tray.display-ready-on-state-thread", BusNames.vmPath(vm.uuid()));
            ViewerSession session = session(vm);
            carryOut(session, session.displayReady(vm, target, user));
            publish();
        });
    }

    @Override
    public void displayClosed(VmView vm) {
        state.execute(() -> {
            ViewerSession session = session(vm);
            carryOut(session, session.displayClosed(vm, settings.closeOnDisplayClosed()));
            publish();
        });
    }

    @Override
    public void displayFailed(VmView vm, String reason) {
        state.execute(() -> {
            ViewerSession session = session(vm);
            carryOut(session, session.displayFailed(vm, reason, user));
            publish();
        });
    }

    // --- viewers ---

    private ViewerSession session(VmView vm) {
        return sessions.computeIfAbsent(vm.uuid(), uuid -> new ViewerSession(vm, backoff));
    }

    private void viewerExited(ViewerLauncher.Exit exit) {
        ViewerSession session = sessions.get(exit.vm());
        if (session != null) {
            String name = session.vm().name();
            carryOut(session, session.viewerExited(exit.exitCode(), exit.ranFor(), exit.closedByUs(),
                    () -> launcher.lastLines(name, 40), launcher.logFile(name)));
        }
        publish();
    }

    /** The menu's "Open display", once the daemon re-granted access and said where the display is. */
    void openRequested(String uuid, DisplayTarget target) {
        state.execute(() -> {
            ViewerSession session = sessions.get(uuid);
            if (session != null) {
                carryOut(session, session.openRequested(target));
            }
            publish();
        });
    }

    private void carryOut(ViewerSession session, Step step) {
        VmView vm = session.vm();
        if (step instanceof Step.Start start) {
            List<String> argv = ViewerCommand.build(settings.viewer(), start.target(), start.vm().clientOptions(),
                    settings.viewerOptions());
            try {
                if (launcher.open(vm.uuid(), vm.name(), argv)) {
                    LOG.info("started the viewer for {}; its output goes to {}", vm.name(), launcher.logFile(vm.name()));
                }
            } catch (ViewerStartException e) {
                carryOut(session, session.startFailed(e.getMessage()));
            }
        } else if (step instanceof Step.Stop) {
            launcher.close(vm.uuid());
        } else if (step instanceof Step.Tell tell) {
            notifier.error(vm.uuid(), tell.summary(), tell.body());
        } else if (step instanceof Step.RetryLater later) {
            LOG.info("the viewer for {} exited right after starting; trying again in {} s", vm.name(),
                    later.after().toSeconds());
            state.schedule(() -> {
                carryOut(session, session.retryDue(later.ticket()));
                publish();
            }, later.after().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // --- changes under way ---

    /**
     * Marks a change as under way for a VM, unless one already is (then false: the click is ignored, so a second
     * click cannot undo the first). From any thread.
     */
    boolean begin(String uuid, Pending change) {
        if (pending.putIfAbsent(uuid, change) != null) {
            return false;
        }
        awaitingAnswer.add(uuid);
        state.execute(this::publish);
        return true;
    }

    /**
     * The daemon answered. A refusal ends the change at once; a success ends it when the VM's properties show it
     * (they travel separately from the answer), or after {@link #SETTLE_WAIT_MILLIS} if they never do.
     */
    void answered(String uuid, boolean succeeded) {
        awaitingAnswer.remove(uuid);
        state.execute(() -> {
            Pending change = pending.get(uuid);
            ViewerSession session = sessions.get(uuid);
            if (change != null && (!succeeded || session == null || change.done().test(session.vm()))) {
                pending.remove(uuid, change);
            } else if (change != null) {
                state.schedule(() -> {
                    pending.remove(uuid, change);
                    publish();
                }, SETTLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            publish();
        });
    }

    private void settleIfShown(VmView vm) {
        Pending change = pending.get(vm.uuid());
        if (change != null && change.done().test(vm) && !answering(vm.uuid())) {
            pending.remove(vm.uuid(), change);
        }
    }

    /** Calls whose answer has not come yet; a property signal alone does not end their pending state. */
    private final Set<String> awaitingAnswer = ConcurrentHashMap.newKeySet();

    private boolean answering(String uuid) {
        return awaitingAnswer.contains(uuid);
    }

    /** What polkit would answer for this user now; the menu greys what they may not do. From any thread. */
    public void permissions(Permissions now) {
        if (!now.equals(permissions)) {
            permissions = now;
            state.execute(this::publish);
        }
    }

    /** The VM's latest snapshot, or null when the daemon does not list it; from any thread. */
    public VmView vm(String uuid) {
        try {
            return state.submit(() -> {
                ViewerSession session = sessions.get(uuid);
                return session == null ? null : session.vm();
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return null; // shutting down, or the state thread is stuck: the caller treats the VM as unknown
        }
    }

    private void publish() {
        List<VmView> visible = VisibleVms.forUser(sessions.values().stream().map(ViewerSession::vm).toList(), user, allVms);
        List<TrayModel.Entry> entries = visible.stream()
                .map(vm -> new TrayModel.Entry(vm, sessions.get(vm.uuid()).viewerOpen(),
                        Optional.ofNullable(pending.get(vm.uuid())))).toList();
        int open = (int) sessions.values().stream().filter(ViewerSession::viewerOpen).count();
        view.show(new TrayModel(entries, TrayIconState.of(visible, open, !daemonPresent, !pending.isEmpty()),
                daemonPresent, permissions));
    }

    /** Quitting closes the viewers: a restarted tray could not know them, and would open a second one. */
    public void shutdown() {
        state.shutdownNow();
        launcher.closeAll();
    }
}
