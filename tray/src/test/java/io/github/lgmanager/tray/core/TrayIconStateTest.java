package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrayIconStateTest {
    private static VmState vm(String lastError) {
        return new VmState("/p/w", "w", true, true, List.of("alice"), true, List.of(), "", "", 0, true, lastError, false, 0, 0, false);
    }

    @Test
    void anErrorWinsOverAnOpenDisplayAndAnOpenDisplayOverIdle() {
        assertEquals(TrayIconState.IDLE, TrayIconState.of(List.of(vm("")), 0, false));
        assertEquals(TrayIconState.OPEN, TrayIconState.of(List.of(vm("")), 1, false));
        assertEquals(TrayIconState.ERROR, TrayIconState.of(List.of(vm("owned by bob")), 1, false));
        assertEquals(TrayIconState.ERROR, TrayIconState.of(List.of(), 0, true), "no daemon is an error the user can fix");
    }
}
