// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.tray.core.TestVm;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class DaemonActionsTest {

    @Test
    void enablingFromTheTrayListsTheUserWhoClickedOnceAndKeepsTheOthers() {
        Map<String, Variant<?>> options = DaemonActions.enableOptions(
                TestVm.named("win11").users("alice", "bob").build(), "carol");
        assertEquals(List.of("users"), List.copyOf(options.keySet()), "only the users: the daemon keeps the rest");
        assertEquals(List.of("alice", "bob", "carol"), decodedUsers(options));
        assertEquals("as", options.get("users").getSig());

        Map<String, Variant<?>> again = DaemonActions.enableOptions(
                TestVm.named("win11").users("alice", "carol").build(), "carol");
        assertEquals(List.of("alice", "carol"), decodedUsers(again));
    }

    @Test
    void aVmTheTrayKnowsNothingAboutYetIsEnabledForTheClickerAlone() {
        assertEquals(List.of("dave"), decodedUsers(DaemonActions.enableOptions(null, "dave")));
    }

    /** Read back the way lg-daemon reads Enable's options. */
    private static List<String> decodedUsers(Map<String, Variant<?>> options) {
        return EnableOptionsCodec.decodeEnable(options).settings().users().orElseThrow();
    }
}
