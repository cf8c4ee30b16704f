// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D-Bus errors become the one-line messages the issue asks for. */
class DaemonBackendTest {

    @Test
    void polkitRefusalNamesTheActionAndTheWayOut() {
        assertEquals("you are not allowed to change this VM's Looking Glass settings (polkit refused the action"
                + " io.github.lgmanager1.configure, or the password was not accepted); run the command with sudo, or"
                + " ask an administrator",
                DaemonBackend.message(LgManagerErrors.NOT_AUTHORIZED, "polkit said no"));
    }

    @Test
    void aPasswordPolkitWouldHaveTakenButNobodyCouldAskForSaysHowToGetAPrompt() {
        assertEquals("this change needs a password, and lg-admin could not ask for one (it asks on a terminal, unless"
                + " --no-ask-password is given); run it on a terminal, or with sudo, or ask an administrator to allow it",
                DaemonBackend.message(LgManagerErrors.NOT_AUTHORIZED, "not authorized for io.github.lgmanager1.configure:"
                        + " authentication is required, and no password prompt could be shown"));
    }

    @Test
    void aDismissedPromptSaysSoAndThatNothingChanged() {
        assertEquals("the password prompt was dismissed; nothing was changed",
                DaemonBackend.message(LgManagerErrors.NOT_AUTHORIZED, "not authorized for io.github.lgmanager1.configure:"
                        + " the password prompt was dismissed; nothing was changed"));
    }

    @Test
    void theAgentIsRegisteredForThisProcessAndSignalsOnItsStdout() {
        assertEquals(java.util.List.of("/usr/bin/pkttyagent", "--process", "4242", "--notify-fd", "1"),
                PasswordAgent.command(PasswordAgent.PKTTYAGENT, 4242));
    }

    @Test
    void otherErrorsKeepTheDaemonsFirstLine() {
        assertEquals("no VM named 'x' (known: a)", DaemonBackend.message(LgManagerErrors.NOT_FOUND,
                "no VM named 'x' (known: a)\nsecond line"));
    }

    @Test
    void notFoundListsTheKnownVms() {
        VmView a = new VmView("1", "lab", false, false, "shm", "", 0, 0, 0, 0, false, "b7", List.of(), List.of(), List.of(),
                "", 0, false, "", false);
        assertEquals("no VM named 'win11' (known: lab)", VmBackend.notFound("win11", List.of(a)));
        assertEquals("no VM named 'win11' (known: none)", VmBackend.notFound("win11", List.of()));
    }
}
