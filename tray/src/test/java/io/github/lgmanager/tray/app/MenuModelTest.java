// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.Pending;
import io.github.lgmanager.tray.core.Permission;
import io.github.lgmanager.tray.core.Permissions;
import io.github.lgmanager.tray.core.TestVm;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MenuModelTest {
    private static VmView vm(boolean running, boolean enabled, boolean pendingRestart) {
        return TestVm.named("win11").running(running).enabled(enabled).pendingRestart(pendingRestart).users("alice").build();
    }

    private static MenuModel.Item find(List<MenuModel.Item> items, String label) {
        return items.stream().filter(i -> i.label().startsWith(label)).findFirst().orElseThrow(() -> new AssertionError(label + " in " + items));
    }

    private static MenuModel.Item menuOf(TrayModel.Entry entry, Permissions may) {
        return find(MenuModel.build(new TrayModel(List.of(entry), TrayIconState.IDLE, true, may), "alice"), "win11");
    }

    @Test
    void aRunningVmOffersOpenDisplayAndShutDownAndSaysTheDisplaySwitchAppliesAtNextBoot() {
        List<MenuModel.Item> items = MenuModel.build(new TrayModel(List.of(new TrayModel.Entry(vm(true, true, false), false)),
                TrayIconState.IDLE, true), "alice");
        MenuModel.Item sub = find(items, "win11");
        assertTrue(find(sub.children(), "Open display").enabled());
        assertTrue(find(sub.children(), "Open display when the VM starts").checked());
        assertEquals("Looking Glass display (applies at next boot)", find(sub.children(), "Looking Glass").label());
        assertFalse(find(sub.children(), "Start").enabled());
        assertTrue(find(sub.children(), "Shut down").enabled());
        assertEquals(MenuModel.Command.QUIT, items.get(items.size() - 1).command());
    }

    @Test
    void aStoppedVmCannotBeOpenedAndAPendingChangeSaysRestart() {
        MenuModel.Item sub = menuOf(new TrayModel.Entry(vm(false, true, true), false), Permissions.UNKNOWN);
        assertFalse(find(sub.children(), "Open display").enabled());
        assertTrue(find(sub.children(), "Start").enabled());
        assertTrue(find(sub.children(), "Looking Glass").label().contains("restart the VM"));
    }

    @Test
    void whileAChangeIsUnderWayTheVmSaysSoAndNoItemCanBeClickedAgain() {
        MenuModel.Item sub = menuOf(new TrayModel.Entry(vm(false, false, false), false,
                Optional.of(Pending.until("switching the Looking Glass display on…"))), Permissions.UNKNOWN);
        assertEquals("win11 (working…)", sub.label());
        assertEquals("switching the Looking Glass display on…", sub.children().get(0).label());
        for (MenuModel.Item item : sub.children()) {
            assertFalse(item.kind() != MenuModel.Kind.SEPARATOR && item.enabled(), item.label() + " is greyed while pending");
        }
    }

    @Test
    void whatTheUserMayNotDoIsGreyedWithTheReasonAndWhatAsksForAPasswordSaysSo() {
        MenuModel.Item sub = menuOf(new TrayModel.Entry(vm(false, true, false), false),
                new Permissions(Permission.NO, Permission.ASKS_PASSWORD));
        MenuModel.Item display = find(sub.children(), "Looking Glass display");
        assertFalse(display.enabled());
        assertEquals("Looking Glass display (only an administrator can do this)", display.label());
        assertFalse(find(sub.children(), "Display settings").enabled());
        MenuModel.Item start = find(sub.children(), "Start");
        assertTrue(start.enabled(), "a password prompt is a way in: offered");
        assertEquals("Start (asks for your password)", start.label());
        assertTrue(find(sub.children(), "Open display when the VM starts").enabled(), "a listed user's own choice needs no permission");
    }

    @Test
    void labelsReadAsPlainWordsWithoutJargon() {
        List<String> labels = new ArrayList<>();
        collect(MenuModel.build(new TrayModel(List.of(new TrayModel.Entry(vm(true, true, false), false)), TrayIconState.IDLE, true,
                new Permissions(Permission.NO, Permission.NO)), "alice"), labels);
        for (String label : labels) {
            for (String jargon : List.of("passthrough", "polkit", "io.github", "Enable", "ivshmem", "NotAuthorized", "auto_open")) {
                assertFalse(label.contains(jargon), "'" + label + "' says " + jargon);
            }
        }
    }

    private static void collect(List<MenuModel.Item> items, List<String> into) {
        for (MenuModel.Item i : items) {
            into.add(i.label());
            collect(i.children(), into);
        }
    }

    @Test
    void withoutTheDaemonTheMenuSaysSo() {
        List<MenuModel.Item> items = MenuModel.build(new TrayModel(List.of(), TrayIconState.ERROR, false), "alice");
        assertEquals("lg-daemon is not running", items.get(0).label());
    }

    @Test
    void aLongProblemIsWrappedAtSpacesIntoAFewLinesInsteadOfWideningTheMenu() {
        String problem = "shut off — cannot tell which user QEMU runs as: neither libvirt-qemu nor qemu exists and"
                + " /etc/libvirt/qemu.conf sets no user; check 'user' and 'group' in /etc/libvirt/qemu.conf or the"
                + " VM's <seclabel model='dac'>";
        java.util.List<String> lines = MenuModel.wrap(problem);
        assertEquals(java.util.List.of(
                "shut off — cannot tell which user QEMU runs as: neither libvirt-qemu nor",
                "qemu exists and /etc/libvirt/qemu.conf sets no user; check 'user' and",
                "'group' in /etc/libvirt/qemu.conf or the VM's <seclabel model='dac'>"), lines);
        assertEquals(String.join(" ", lines), problem, "nothing lost");
    }

    @Test
    void whatDoesNotFitInFourLinesEndsWithAnEllipsisAndAWordLongerThanALineIsCut() {
        String word = "x".repeat(100);
        java.util.List<String> lines = MenuModel.wrap((word + " ").repeat(5));
        assertEquals(MenuModel.MAX_LINES, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.length() <= MenuModel.LINE_WIDTH), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("…"), lines.toString());
        assertEquals(java.util.List.of("shut off"), MenuModel.wrap("shut off"));
    }
}
