// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.AutoOpenPolicy.Reason;
import io.github.lgmanager.tray.core.AutoOpenPolicy.ViewerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * All the tray holds about one VM: the daemon's latest snapshot, where its display is, and what the tray's viewer
 * for it is doing. Each event is one method that moves the session and returns the one {@link Step} the controller
 * then carries out (start or end the viewer, tell the user, retry later), so that every transition is tested
 * without a process, a bus or a display. Used on the controller's state thread only.
 */
public final class ViewerSession {
    /** What the tray's viewer for this VM is doing. */
    public enum Phase {
        /** None runs and none is unwanted: the next DisplayReady opens one. */
        IDLE,
        /** One runs (it was started and has not exited). */
        OPEN,
        /** The user closed it, or it could not start: closed until the VM stops or the menu opens it. */
        DISMISSED,
        /** It crashed right after starting; a retry is scheduled. */
        RETRYING,
        /** It fails in a way starting again cannot fix, or crashed too often; the user has been told, once. */
        GAVE_UP
    }

    /** What the controller does after an event. */
    public sealed interface Step {
        record Nothing() implements Step {
        }

        record Start(VmView vm, DisplayTarget target) implements Step {
        }

        record Stop() implements Step {
        }

        record Tell(String summary, String body) implements Step {
        }

        /** Call {@link ViewerSession#retryDue(int)} with {@code ticket} after the delay; an older ticket is void. */
        record RetryLater(Duration after, int ticket) implements Step {
        }
    }

    public static final Step NOTHING = new Step.Nothing();

    private final Backoff backoff;
    private VmView vm;
    /** Where the viewer was last started, for a retry; null before that and after the VM stopped. */
    private DisplayTarget target;
    private Phase phase = Phase.IDLE;
    private int crashes;
    private int ticket;

    public ViewerSession(VmView vm, Backoff backoff) {
        this.vm = vm;
        this.backoff = backoff;
    }

    public VmView vm() {
        return vm;
    }

    public Phase phase() {
        return phase;
    }

    /** Quick crashes in a row so far. */
    public int crashes() {
        return crashes;
    }

    public boolean viewerOpen() {
        return phase == Phase.OPEN;
    }

    /** The phase as {@link AutoOpenPolicy} weighs it. */
    public ViewerStatus status() {
        return switch (phase) {
            case IDLE -> ViewerStatus.NONE;
            case OPEN -> ViewerStatus.RUNNING;
            case DISMISSED -> ViewerStatus.DISMISSED;
            case RETRYING, GAVE_UP -> ViewerStatus.BACKING_OFF;
        };
    }

    /** A newer snapshot (PropertiesChanged, VmAdded): by itself it opens and closes nothing. */
    public void update(VmView newer) {
        vm = newer;
    }

    /** The daemon verified the display and granted access. */
    public Step displayReady(VmView newer, DisplayTarget at, String user) {
        vm = newer;
        return AutoOpenPolicy.onDisplayReady(vm, user, status()) == Reason.OPEN ? start(at) : NOTHING;
    }

    /** A (re-)sync found the VM so: a running, granted VM is a DisplayReady missed, a stopped one a DisplayClosed. */
    public Step synced(VmView newer, String user, boolean closeOnDisplayClosed) {
        vm = newer;
        if (!vm.running()) {
            return vmStopped(closeOnDisplayClosed);
        }
        return AutoOpenPolicy.onSync(vm, user, status()) == Reason.OPEN ? start(DisplayTarget.of(vm)) : NOTHING;
    }

    public Step displayClosed(VmView newer, boolean closeOnDisplayClosed) {
        vm = newer;
        return vmStopped(closeOnDisplayClosed);
    }

    /** The daemon could not prepare the display: worth a notification only to the VM's users. */
    public Step displayFailed(VmView newer, String reason, String user) {
        vm = newer;
        return vm.users().contains(user) ? new Step.Tell("The display of " + vm.name() + " cannot be opened", reason)
                : NOTHING;
    }

    /** The VM is gone (undefined, or vanished while the daemon was away): its viewer has nothing left to show. */
    public Step removed() {
        boolean open = phase == Phase.OPEN;
        forget();
        phase = Phase.IDLE;
        return open ? new Step.Stop() : NOTHING;
    }

    /** The menu's "Open display", after RequestOpen re-granted access: the user's click outweighs a dismissal or a backoff. */
    public Step openRequested(DisplayTarget at) {
        crashes = 0;
        return phase == Phase.OPEN ? NOTHING : start(at);
    }

    /** The viewer program could not be started at all (not installed): a retry cannot help until the user acts. */
    public Step startFailed(String why) {
        phase = Phase.DISMISSED;
        return new Step.Tell("Cannot open the display of " + vm.name(), why);
    }

    /**
     * The viewer ended.
     *
     * @param closedByUs the tray ended it (the VM stopped or went away; the phase already says what comes next)
     * @param lastLines  its log's last lines, read only when the exit needs explaining (the log grows with each run)
     * @param logFile    named in the notification when it keeps crashing
     */
    public Step viewerExited(int exitCode, Duration ranFor, boolean closedByUs, Supplier<List<String>> lastLines,
            Path logFile) {
        if (closedByUs || phase != Phase.OPEN) {
            return NOTHING;
        }
        if (!vm.running()) {
            phase = Phase.IDLE; // the VM stopped under it: nothing to retry, and the next start opens again
            return NOTHING;
        }
        Backoff.Decision decision = backoff.afterExit(ranFor, exitCode, crashes);
        Optional<ViewerFailure> failure = decision instanceof Backoff.Done ? Optional.empty()
                : ViewerFailure.of(lastLines.get(), vm.name());
        if (failure.isPresent() && !failure.get().retry()) {
            // certain to fail the same way again: say so once instead of flashing a window a few more times
            phase = Phase.GAVE_UP;
            return new Step.Tell("Looking Glass cannot show " + vm.name(), "looking-glass-client said: \""
                    + failure.get().lastError() + "\". " + capitalized(failure.get().fix()) + ".");
        }
        if (decision instanceof Backoff.Retry retry) {
            crashes = retry.attempt();
            phase = Phase.RETRYING;
            return new Step.RetryLater(retry.after(), ++ticket);
        }
        if (decision instanceof Backoff.GiveUp giveUp) {
            phase = Phase.GAVE_UP;
            return new Step.Tell("The Looking Glass viewer for " + vm.name() + " keeps crashing",
                    "It exited " + giveUp.crashes() + " times right after starting (last status " + exitCode
                            + (failure.isPresent() ? ", last said: \"" + failure.get().lastError() + "\"; "
                                    + failure.get().fix() : "") + "). Its output is in " + logFile
                            + ". Open it again from the tray menu.");
        }
        crashes = 0;
        phase = Phase.DISMISSED; // the user closed it: "Open display" in the menu brings it back
        return NOTHING;
    }

    /** A scheduled retry is due; void when anything happened since it was scheduled. */
    public Step retryDue(int dueTicket) {
        if (phase != Phase.RETRYING || dueTicket != ticket || !vm.running() || target == null) {
            return NOTHING;
        }
        return start(target);
    }

    private Step start(DisplayTarget at) {
        target = at;
        phase = Phase.OPEN;
        return new Step.Start(vm, at);
    }

    private Step vmStopped(boolean closeOnDisplayClosed) {
        boolean close = AutoOpenPolicy.closeWhenStopped(vm, closeOnDisplayClosed, status());
        forget();
        if (close) {
            phase = Phase.IDLE;
            return new Step.Stop();
        }
        if (phase != Phase.OPEN) {
            phase = Phase.IDLE; // a dismissal or a backoff lasts until the VM stops; a viewer kept open stays
        }
        return NOTHING;
    }

    private void forget() {
        target = null;
        crashes = 0;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
