// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.TestVm;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuModelTest {
    private static VmView vm(boolean running, boolean enabled, boolean pendingRestart) {
        return TestVm.named("win11").running(running).enabled(enabled).pendingRestart(pendingRestart).build();
    }

    private static MenuModel.Item find(List<MenuModel.Item> items, String label) {
        return items.stream().filter(i -> i.label().startsWith(label)).findFirst().orElseThrow(() -> new AssertionError(label + " in " + items));
    }

    @Test
    void aRunningVmOffersOpenDisplayAndShutDownAndSaysPassthroughAppliesAtNextBoot() {
        List<MenuModel.Item> items = MenuModel.build(new TrayModel(List.of(new TrayModel.Entry(vm(true, true, false), false)),
                TrayIconState.IDLE, true), "alice");
        MenuModel.Item sub = find(items, "win11");
        assertTrue(find(sub.children(), "Open display").enabled());
        assertTrue(find(sub.children(), "Open automatically").checked());
        assertEquals("Looking Glass passthrough (applies at next boot)", find(sub.children(), "Looking Glass").label());
        assertFalse(find(sub.children(), "Start").enabled());
        assertTrue(find(sub.children(), "Shut down").enabled());
        assertEquals(MenuModel.Command.QUIT, items.get(items.size() - 1).command());
    }

    @Test
    void aStoppedVmCannotBeOpenedAndAPendingChangeSaysRestart() {
        MenuModel.Item sub = find(MenuModel.build(new TrayModel(List.of(new TrayModel.Entry(vm(false, true, true), false)),
                TrayIconState.IDLE, true), "alice"), "win11");
        assertFalse(find(sub.children(), "Open display").enabled());
        assertTrue(find(sub.children(), "Start").enabled());
        assertTrue(find(sub.children(), "Looking Glass").label().contains("restart the VM"));
    }

    @Test
    void withoutTheDaemonTheMenuSaysSo() {
        List<MenuModel.Item> items = MenuModel.build(new TrayModel(List.of(), TrayIconState.ERROR, false), "alice");
        assertEquals("lg-daemon is not running", items.get(0).label());
    }
}
