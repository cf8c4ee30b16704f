// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real B7 client's last lines (looking-glass-facts.md §7, §9) and what the user is told. */
class ViewerFailureTest {

    @Test
    void spiceAskingForAPasswordIsNotRetriedAndNamesTheVmsFix() {
        ViewerFailure f = ViewerFailure.of(List.of(
                "00:00:00.000 [I]              main.c:1858 | main                           | Looking Glass (B7)",
                "00:00:00.020 [E]             spice.c:412  | spice_connect                  | Server reported link error: 7",
                "00:00:00.021 [E]              main.c:1502 | lg_run                         | Failed to connect to spice server"),
                "win11").orElseThrow();
        assertEquals("Server reported link error: 7", f.lastError());
        assertFalse(f.retry());
        assertTrue(f.fix().contains("virsh edit win11") && f.fix().contains("lg-admin enable win11 --with-spice"), f.fix());
    }

    @Test
    void noPermissionOnTheFileIsNotRetried() {
        ViewerFailure f = ViewerFailure.of(List.of("[E] shm.c:1 | open | Failed to open: /dev/shm/looking-glass-win11",
                "[E] shm.c:2 | open | Permission denied", "[E] main.c:3 | run | Failed to map memory"), "win11").orElseThrow();
        assertEquals("Permission denied", f.lastError());
        assertFalse(f.retry());
        assertTrue(f.fix().contains("lg-admin doctor win11"), f.fix());
    }

    @Test
    void rootIsToldToRunTheTrayAsTheUser() {
        assertFalse(ViewerFailure.of(List.of("Do not run looking glass as root!"), "win11").orElseThrow().retry());
    }

    @Test
    void nothingListeningOnSpiceMayBeRetried() {
        assertTrue(ViewerFailure.of(List.of("[E] main.c:1 | lg_run | Failed to connect to spice server"), "w")
                .orElseThrow().retry());
    }

    @Test
    void unknownLinesGiveNothing() {
        assertEquals(Optional.empty(), ViewerFailure.of(List.of("something else", ""), "w"));
        assertEquals(Optional.empty(), ViewerFailure.of(List.of(), "w"));
    }
}
