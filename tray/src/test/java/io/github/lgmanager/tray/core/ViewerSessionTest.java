// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static io.github.lgmanager.tray.core.ViewerSession.NOTHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.ViewerSession.Phase;
import io.github.lgmanager.tray.core.ViewerSession.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** One VM's viewer through its life: each step is what the user would see happen (a window, a notification, nothing). */
class ViewerSessionTest {
    private static final String ALICE = "alice";
    private static final VmView RUNNING = TestVm.named("win11").running(true).build();
    private static final VmView STOPPED = TestVm.named("win11").running(false).build();
    private static final DisplayTarget TARGET = new DisplayTarget("/dev/shm/win11", "127.0.0.1", 5900);
    private static final Path LOG = Path.of("/home/alice/.local/state/lg-manager/viewer-win11.log");
    private static final Duration QUICK = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofMinutes(10);
    /** A clean exit or one closed by us needs no explaining: reading the log then would be a waste (it grows). */
    private static final Supplier<List<String>> MUST_NOT_READ = () -> {
        throw new AssertionError("the viewer's log was read for an exit that needs no explaining");
    };
    private static final Supplier<List<String>> SAYS_NOTHING_KNOWN = () -> List.of("[E] main.c:1 | lg_run | something odd");
    private static final Supplier<List<String>> SPICE_WANTS_A_PASSWORD = () -> List.of(
            "00:00:00.020 [E]             spice.c:412  | spice_connect                  | Server reported link error: 7");

    private final ViewerSession session = new ViewerSession(STOPPED, Backoff.DEFAULT);

    private ViewerSession opened() {
        assertEquals(new Step.Start(RUNNING, TARGET), session.displayReady(RUNNING, TARGET, ALICE));
        return session;
    }

    private Step crash(Supplier<List<String>> said) {
        return session.viewerExited(1, QUICK, false, said, LOG);
    }

    @Test
    void displayReadyStartsOneViewerAndARepeatedOneStartsNoSecond() {
        opened();
        assertEquals(Phase.OPEN, session.phase());
        assertTrue(session.viewerOpen());
        assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE), "a restarted daemon's second DisplayReady");
    }

    @Test
    void displayReadyOpensNothingForSomeoneElsesVmOrWithAutoOpenOff() {
        assertEquals(NOTHING, session.displayReady(TestVm.named("win11").running(true).users("bob").build(), TARGET, ALICE));
        assertEquals(NOTHING, session.displayReady(TestVm.named("win11").running(true).autoOpen(false).build(), TARGET, ALICE));
        assertEquals(Phase.IDLE, session.phase());
    }

    @Test
    void aViewerTheUserClosedStaysClosedUntilTheVmStopsThenTheNextStartOpensItAgain() {
        opened();
        assertEquals(NOTHING, session.viewerExited(0, LONG, false, MUST_NOT_READ, LOG));
        assertEquals(Phase.DISMISSED, session.phase());
        assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE), "closed by the user: a signal does not reopen it");

        assertEquals(NOTHING, session.displayClosed(STOPPED, true));
        assertEquals(Phase.IDLE, session.phase());
        assertEquals(new Step.Start(RUNNING, TARGET), session.displayReady(RUNNING, TARGET, ALICE), "the next boot opens it");
    }

    @Test
    void aCrashAtStartIsRetriedWithDoublingDelaysThenTheUserIsToldOnceNamingTheLog() {
        opened();
        for (int attempt = 1; attempt <= 4; attempt++) {
            Step retry = crash(SAYS_NOTHING_KNOWN);
            assertEquals(new Step.RetryLater(Duration.ofSeconds(2L << (attempt - 1)), attempt), retry);
            assertEquals(Phase.RETRYING, session.phase());
            assertEquals(attempt, session.crashes());
            assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE), "a signal does not jump the backoff");
            assertEquals(new Step.Start(RUNNING, TARGET), session.retryDue(attempt), "the retry reuses the display target");
        }
        Step told = crash(SAYS_NOTHING_KNOWN);
        Step.Tell tell = assertInstanceOf(Step.Tell.class, told);
        assertEquals("The Looking Glass viewer for win11 keeps crashing", tell.summary());
        assertTrue(tell.body().contains("5 times") && tell.body().contains(LOG.toString()), tell.body());
        assertEquals(Phase.GAVE_UP, session.phase());
        assertEquals(NOTHING, session.retryDue(4), "no retry after giving up");
        assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE));
    }

    @Test
    void aFailureCertainToRepeatIsNotRetriedAndQuotesTheClientOnce() {
        opened();
        Step.Tell tell = assertInstanceOf(Step.Tell.class, crash(SPICE_WANTS_A_PASSWORD));
        assertEquals("Looking Glass cannot show win11", tell.summary());
        assertTrue(tell.body().startsWith("looking-glass-client said: \"Server reported link error: 7\". The VM's SPICE server"
                + " asks for a password, which looking-glass-client B7 cannot send"), tell.body());
        assertEquals(Phase.GAVE_UP, session.phase());
        assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE), "no second window, no second notification");
        assertEquals(NOTHING, session.synced(RUNNING, ALICE, true));
    }

    @Test
    void aStaleRetryDoesNothingOnceTheUserOpenedTheViewerAgain() {
        opened();
        Step.RetryLater first = assertInstanceOf(Step.RetryLater.class, crash(SAYS_NOTHING_KNOWN));
        assertEquals(new Step.Start(RUNNING, TARGET), session.openRequested(TARGET), "Open display overrides the backoff");
        assertEquals(0, session.crashes(), "the user's click starts the count again");
        Step.RetryLater second = assertInstanceOf(Step.RetryLater.class, crash(SAYS_NOTHING_KNOWN));
        assertEquals(Duration.ofSeconds(2), second.after());

        assertEquals(NOTHING, session.retryDue(first.ticket()), "the first crash's retry is void");
        assertEquals(new Step.Start(RUNNING, TARGET), session.retryDue(second.ticket()));
    }

    @Test
    void stoppingTheVmClosesItsViewerAndEndsABackoff() {
        opened();
        assertEquals(new Step.Stop(), session.displayClosed(STOPPED, true));
        assertEquals(Phase.IDLE, session.phase());
        assertEquals(NOTHING, session.viewerExited(143, QUICK, true, MUST_NOT_READ, LOG), "our own SIGTERM is no crash");
        assertEquals(Phase.IDLE, session.phase());

        opened();
        Step.RetryLater retry = assertInstanceOf(Step.RetryLater.class, crash(SAYS_NOTHING_KNOWN));
        assertEquals(NOTHING, session.displayClosed(STOPPED, true), "nothing runs to close");
        assertEquals(NOTHING, session.retryDue(retry.ticket()), "no retry for a stopped VM");
        assertEquals(0, session.crashes());
        opened();
    }

    @Test
    void withCloseOnDisplayClosedOffTheViewerOutlivesTheVmAndItsExitIsNoCrash() {
        opened();
        assertEquals(NOTHING, session.displayClosed(STOPPED, false));
        assertTrue(session.viewerOpen());
        assertEquals(NOTHING, session.viewerExited(1, QUICK, false, MUST_NOT_READ, LOG));
        assertEquals(Phase.IDLE, session.phase());
    }

    @Test
    void anExitOfAViewerWeClosedLeavesTheNextViewerAlone() {
        opened();
        session.displayClosed(STOPPED, true);
        opened(); // the VM started again before the old viewer's exit was reported
        assertEquals(NOTHING, session.viewerExited(143, QUICK, true, MUST_NOT_READ, LOG));
        assertTrue(session.viewerOpen());
    }

    @Test
    void aSyncOpensARunningGrantedVmAtItsPropertiesAndClosesAStoppedOnesViewer() {
        assertEquals(new Step.Start(RUNNING, DisplayTarget.of(RUNNING)), session.synced(RUNNING, ALICE, true));
        assertEquals(NOTHING, session.synced(RUNNING, ALICE, true), "a second sync starts no second viewer");
        assertEquals(new Step.Stop(), session.synced(STOPPED, ALICE, true), "the VM stopped while the daemon was away");
        assertEquals(NOTHING, session.synced(TestVm.named("win11").running(true).aclApplied(false).build(), ALICE, true),
                "not granted yet: DisplayReady will come");
    }

    @Test
    void aVmThatGoesAwayTakesItsViewerAndAnyPendingRetry() {
        opened();
        assertEquals(new Step.Stop(), session.removed());
        assertEquals(NOTHING, session.removed());

        ViewerSession other = new ViewerSession(RUNNING, Backoff.DEFAULT);
        other.displayReady(RUNNING, TARGET, ALICE);
        Step.RetryLater retry = assertInstanceOf(Step.RetryLater.class, other.viewerExited(1, QUICK, false, SAYS_NOTHING_KNOWN, LOG));
        assertEquals(NOTHING, other.removed());
        assertEquals(NOTHING, other.retryDue(retry.ticket()));
    }

    @Test
    void aViewerThatCannotStartIsNotRetriedAndTheMenuStillOpensIt() {
        opened();
        Step.Tell tell = assertInstanceOf(Step.Tell.class, session.startFailed("looking-glass-client is not installed"));
        assertEquals(new Step.Tell("Cannot open the display of win11", "looking-glass-client is not installed"), tell);
        assertFalse(session.viewerOpen());
        assertEquals(NOTHING, session.displayReady(RUNNING, TARGET, ALICE));
        assertEquals(new Step.Start(RUNNING, TARGET), session.openRequested(TARGET));
        assertEquals(NOTHING, session.openRequested(TARGET), "already open: a second click starts no second viewer");
    }

    @Test
    void aDisplayFailureIsToldOnlyToTheVmsUsers() {
        assertEquals(new Step.Tell("The display of win11 cannot be opened", "no shared memory"),
                session.displayFailed(RUNNING, "no shared memory", ALICE));
        assertEquals(NOTHING, session.displayFailed(RUNNING, "no shared memory", "bob"));
    }

    @Test
    void newerPropertiesAloneOpenAndCloseNothing() {
        opened();
        session.update(STOPPED);
        assertEquals(STOPPED, session.vm());
        assertTrue(session.viewerOpen(), "only DisplayClosed or a sync closes the viewer");
    }
}
