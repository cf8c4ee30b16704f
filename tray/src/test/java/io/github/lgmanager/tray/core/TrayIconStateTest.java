// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayIconStateTest {
    private static VmView vm(String lastError) {
        return TestVm.named("w").running(true).lastError(lastError).build();
    }

    @Test
    void busyWinsWhileAChangeIsUnderWayThenAnErrorOverAnOpenDisplayAndAnOpenDisplayOverIdle() {
        assertEquals(TrayIconState.IDLE, TrayIconState.of(List.of(vm("")), 0, false, false));
        assertEquals(TrayIconState.OPEN, TrayIconState.of(List.of(vm("")), 1, false, false));
        assertEquals(TrayIconState.ERROR, TrayIconState.of(List.of(vm("owned by bob")), 1, false, false));
        assertEquals(TrayIconState.BUSY, TrayIconState.of(List.of(vm("owned by bob")), 1, false, true));
        assertEquals(TrayIconState.ERROR, TrayIconState.of(List.of(), 0, true, false), "no daemon is an error the user can fix");
        assertEquals(TrayIconState.ERROR, TrayIconState.of(List.of(), 0, true, true), "nothing is under way without a daemon");
    }
}
