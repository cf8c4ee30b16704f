// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.LgManagerErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalsTest {
    /** What lg-daemon's PolkitAuthorizer says, word for word; the tray must not pass it on. */
    private static final List<String> DAEMON_SAYS = List.of(
            "not authorized for io.github.lgmanager1.configure: polkit denied it; an administrator can grant it with a"
                    + " rule in /etc/polkit-1/rules.d/ (see polkit/50-lg-manager.rules.example)",
            "not authorized for io.github.lgmanager1.configure: authentication is required; call again allowing"
                    + " interactive authorization (a polkit agent must be running), or ask an administrator for a polkit rule",
            "polkit could not decide on io.github.lgmanager1.control (timeout); is polkitd running and"
                    + " polkit/io.github.lgmanager1.policy installed?");

    @Test
    void aRefusalSaysWhoCanAllowItWithoutActionIdsErrorNamesOrSourcePaths() {
        for (String said : DAEMON_SAYS) {
            String told = Refusals.explain(LgManagerErrors.notAuthorized(said));
            for (String jargon : List.of("io.github", "NotAuthorized", "polkit/", "rules.d", "bin/lg-daemon")) {
                assertFalse(told.contains(jargon), told + " says " + jargon);
            }
            assertTrue(told.contains("administrator"), told);
        }
    }

    @Test
    void aDeniedCallAndAMissingAgentAreToldApart() {
        assertTrue(Refusals.explain(LgManagerErrors.notAuthorized(DAEMON_SAYS.get(0))).startsWith("Your account is not allowed"));
        assertTrue(Refusals.explain(LgManagerErrors.notAuthorized(DAEMON_SAYS.get(1))).contains("no password prompt could be shown"));
    }

    @Test
    void aClosedPasswordDialogIsToldAsSuchNotAsARefusal() {
        String told = Refusals.explain(LgManagerErrors.notAuthorized("not authorized for io.github.lgmanager1.configure:"
                + " the password prompt was dismissed; nothing was changed"));
        assertEquals("The password dialog was closed, so nothing was changed.", told);
    }

    @Test
    void otherRefusalsKeepTheDaemonsOwnSentenceWithoutTheErrorName() {
        assertEquals("win11 is not running", Refusals.explain(LgManagerErrors.notFound("win11 is not running")));
    }
}
