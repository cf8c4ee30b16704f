// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.List;

/**
 * The tray menu as plain data, built once from a {@link TrayModel} and drawn by both front ends (SWT's menu and
 * DBusMenu), so that both show the same items with the same rules.
 */
public final class MenuModel {
    public enum Kind { LABEL, ACTION, CHECK, SEPARATOR, SUBMENU }

    /** What an item does when clicked; vm is the VM's UUID. */
    public enum Command { NONE, OPEN_DISPLAY, TOGGLE_AUTO_OPEN, TOGGLE_PASSTHROUGH, START, SHUTDOWN, SETTINGS, QUIT }

    public record Item(Kind kind, String label, boolean enabled, boolean checked, Command command, String vm, List<Item> children) {
        public Item {
            children = List.copyOf(children);
        }

        static Item label(String text) {
            return new Item(Kind.LABEL, text, false, false, Command.NONE, "", List.of());
        }

        static Item action(String text, boolean enabled, Command command, String vm) {
            return new Item(Kind.ACTION, text, enabled, false, command, vm, List.of());
        }

        static Item check(String text, boolean enabled, boolean checked, Command command, String vm) {
            return new Item(Kind.CHECK, text, enabled, checked, command, vm, List.of());
        }

        static Item separator() {
            return new Item(Kind.SEPARATOR, "", true, false, Command.NONE, "", List.of());
        }
    }

    private MenuModel() {
    }

    public static List<Item> build(TrayModel model, String user) {
        List<Item> items = new ArrayList<>();
        if (!model.daemonPresent()) {
            items.add(Item.label("lg-daemon is not running"));
        } else if (model.vms().isEmpty()) {
            items.add(Item.label("No virtual machines"));
        }
        for (TrayModel.Entry entry : model.vms()) {
            VmView vm = entry.vm();
            List<Item> sub = new ArrayList<>();
            sub.add(Item.label(entry.stateText()));
            sub.add(Item.action("Open display", vm.running() && vm.enabled() && vm.users().contains(user), Command.OPEN_DISPLAY, vm.uuid()));
            sub.add(Item.check("Open automatically", vm.enabled() && vm.users().contains(user), vm.autoOpenUsers().contains(user), Command.TOGGLE_AUTO_OPEN, vm.uuid()));
            sub.add(Item.check(passthroughLabel(vm), true, vm.enabled(), Command.TOGGLE_PASSTHROUGH, vm.uuid()));
            sub.add(Item.separator());
            sub.add(Item.action("Start", !vm.running(), Command.START, vm.uuid()));
            sub.add(Item.action("Shut down", vm.running(), Command.SHUTDOWN, vm.uuid()));
            sub.add(Item.separator());
            sub.add(Item.action("Settings…", true, Command.SETTINGS, vm.uuid()));
            items.add(new Item(Kind.SUBMENU, vm.name() + (vm.running() ? " (running)" : ""), true, false, Command.NONE, vm.uuid(), sub));
        }
        items.add(Item.separator());
        items.add(Item.action("Quit", true, Command.QUIT, ""));
        return items;
    }

    /** A running VM's definition changes apply at its next boot: the item says so before the user clicks. */
    static String passthroughLabel(VmView vm) {
        if (vm.pendingRestart()) {
            return "Looking Glass passthrough (restart the VM to apply)";
        }
        return vm.running() ? "Looking Glass passthrough (applies at next boot)" : "Looking Glass passthrough";
    }

    /** Runs an item's command against the actions; SETTINGS goes to {@code settings}. */
    public static void dispatch(Item item, TrayActions actions, java.util.function.Consumer<String> settings) {
        switch (item.command()) {
            case OPEN_DISPLAY -> actions.openDisplay(item.vm());
            case TOGGLE_AUTO_OPEN -> actions.setAutoOpen(item.vm(), !item.checked());
            case TOGGLE_PASSTHROUGH -> actions.setPassthrough(item.vm(), !item.checked());
            case START -> actions.start(item.vm());
            case SHUTDOWN -> actions.shutdown(item.vm());
            case SETTINGS -> settings.accept(item.vm());
            case QUIT -> actions.quit();
            case NONE -> { }
        }
    }
}
