// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.Permission;
import io.github.lgmanager.tray.core.Permissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The tray menu as plain data, built once from a {@link TrayModel} and drawn by both front ends (SWT's menu and
 * DBusMenu), so that both show the same items with the same rules.
 */
public final class MenuModel {
    public enum Kind { LABEL, ACTION, CHECK, SEPARATOR, SUBMENU }

    /** What an item does when clicked; vm is the VM's UUID. */
    public enum Command { NONE, OPEN_DISPLAY, TOGGLE_AUTO_OPEN, TOGGLE_DISPLAY, START, SHUTDOWN, SETTINGS, QUIT }

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
            items.add(Item.label("No virtual machines of yours"));
        }
        Permissions may = model.permissions();
        for (TrayModel.Entry entry : model.vms()) {
            VmView vm = entry.vm();
            boolean listed = vm.users().contains(user);
            boolean idle = entry.pending().isEmpty();
            List<Item> sub = new ArrayList<>();
            for (String line : wrap(entry.pending().map(p -> p.doing()).orElse(entry.stateText()))) {
                sub.add(Item.label(line));
            }
            sub.add(Item.action("Open display", idle && vm.running() && vm.enabled() && listed, Command.OPEN_DISPLAY, vm.uuid()));
            sub.add(Item.check("Open display when the VM starts", idle && vm.enabled() && listed, vm.autoOpenUsers().contains(user),
                    Command.TOGGLE_AUTO_OPEN, vm.uuid()));
            sub.add(Item.check(displayLabel(vm, may.configure()), idle && may.configure().offered(), vm.enabled(),
                    Command.TOGGLE_DISPLAY, vm.uuid()));
            sub.add(Item.separator());
            sub.add(Item.action("Start" + may.control().hint(), idle && !vm.running() && may.control().offered(), Command.START, vm.uuid()));
            sub.add(Item.action("Shut down" + may.control().hint(), idle && vm.running() && may.control().offered(),
                    Command.SHUTDOWN, vm.uuid()));
            sub.add(Item.separator());
            sub.add(Item.action("Display settings…" + may.configure().hint(), idle && may.configure().offered(),
                    Command.SETTINGS, vm.uuid()));
            String title = vm.name() + (idle ? (vm.running() ? " (running)" : "") : " (working…)");
            items.add(new Item(Kind.SUBMENU, title, true, false, Command.NONE, vm.uuid(), sub));
        }
        items.add(Item.separator());
        items.add(Item.action("Quit", true, Command.QUIT, ""));
        return items;
    }

    /** Characters per line of a menu's text lines: a long libvirt error would otherwise widen the menu off screen. */
    static final int LINE_WIDTH = 72;
    static final int MAX_LINES = 4;

    /**
     * A VM's state or problem as menu lines: broken at spaces into lines of at most {@link #LINE_WIDTH} characters
     * (a word longer than that is cut), at most {@link #MAX_LINES} lines, the last ending in "…" when text is left.
     */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < MAX_LINES) {
            if (rest.length() <= LINE_WIDTH) {
                lines.add(rest);
                rest = "";
                break;
            }
            int cut = rest.lastIndexOf(' ', LINE_WIDTH);
            int end = cut > 0 ? cut : LINE_WIDTH;
            lines.add(rest.substring(0, end));
            rest = rest.substring(end).strip();
        }
        if (!rest.isEmpty()) {
            String last = lines.remove(lines.size() - 1);
            lines.add((last.length() < LINE_WIDTH ? last : last.substring(0, LINE_WIDTH - 1)) + "…");
        }
        return lines;
    }

    /**
     * The Looking Glass display switch, in words a stranger reads right ("passthrough" sounds like GPU passthrough).
     * A running VM's definition changes apply at its next boot: the item says so before the user clicks.
     */
    static String displayLabel(VmView vm, Permission configure) {
        String label = "Looking Glass display";
        if (vm.pendingRestart()) {
            label += " (restart the VM to apply)";
        } else if (vm.running()) {
            label += " (applies at next boot)";
        }
        return label + configure.hint();
    }

    /** Runs an item's command against the actions; SETTINGS goes to {@code settings}. */
    public static void dispatch(Item item, TrayActions actions, java.util.function.Consumer<String> settings) {
        switch (item.command()) {
            case OPEN_DISPLAY -> actions.openDisplay(item.vm());
            case TOGGLE_AUTO_OPEN -> actions.setAutoOpen(item.vm(), !item.checked());
            case TOGGLE_DISPLAY -> actions.setDisplay(item.vm(), !item.checked());
            case START -> actions.start(item.vm());
            case SHUTDOWN -> actions.shutdown(item.vm());
            case SETTINGS -> settings.accept(item.vm());
            case QUIT -> actions.quit();
            case NONE -> { }
        }
    }
}
