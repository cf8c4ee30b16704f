package io.github.lgmanager.tray.app;

import io.github.lgmanager.tray.core.DisplayTarget;
import io.github.lgmanager.tray.core.VmState;
import io.github.lgmanager.tray.daemon.VmCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/** The menu's and dialog's actions as daemon calls; results the user should read (the daemon's notes) are notified. */
public final class DaemonActions implements TrayActions {
    /** What Enable gets for a VM that never had a resolution: the most common Looking Glass setup. */
    static final int DEFAULT_WIDTH = 1920;
    static final int DEFAULT_HEIGHT = 1080;
    private final TrayController controller;
    private final VmCalls calls;
    private final String user;
    private final Runnable quit;

    public DaemonActions(TrayController controller, VmCalls calls, String user, Runnable quit) {
        this.controller = controller;
        this.calls = calls;
        this.user = user;
        this.quit = quit;
    }

    private String name(String vm) {
        VmState state = controller.vm(vm);
        return state == null ? vm : state.name();
    }

    @Override
    public void openDisplay(String vm) {
        controller.openDisplayNow(vm, () -> requestOpen(vm));
    }

    /** RequestOpen re-verifies and re-grants before the viewer starts; its refusals (NotRunning, Unsafe, …) stand. */
    private DisplayTarget requestOpen(String vm) throws DBusException {
        return calls.requestOpen(vm);
    }

    @Override
    public void setAutoOpen(String vm, boolean on) {
        controller.runAction("Cannot change \"Open automatically\" for " + name(vm), () -> calls.setAutoOpen(vm, on));
    }

    @Override
    public void setPassthrough(String vm, boolean on) {
        String name = name(vm);
        controller.runAction("Cannot switch Looking Glass " + (on ? "on" : "off") + " for " + name, () -> {
            List<String> notes;
            if (on) {
                VmState state = controller.vm(vm);
                notes = calls.enable(vm, widthOf(state), heightOf(state), state != null && state.hdr(), enableOptions(state, user));
            } else {
                notes = calls.disable(vm);
            }
            controller.info("Looking Glass " + (on ? "on" : "off") + " for " + name, String.join("\n", notes));
        });
    }

    /** Enabling from the tray lists the user who clicked, so the display is theirs. */
    static Map<String, Variant<?>> enableOptions(VmState state, String user) {
        List<String> users = new ArrayList<>(state == null ? List.of() : state.users());
        if (!users.contains(user)) {
            users.add(user);
        }
        Map<String, Variant<?>> options = new LinkedHashMap<>();
        options.put("users", new Variant<>(users, "as"));
        return options;
    }

    private static int widthOf(VmState state) {
        return state == null || state.width() == 0 ? DEFAULT_WIDTH : state.width();
    }

    private static int heightOf(VmState state) {
        return state == null || state.height() == 0 ? DEFAULT_HEIGHT : state.height();
    }

    @Override
    public void start(String vm) {
        controller.runAction("Cannot start " + name(vm), () -> calls.start(vm));
    }

    @Override
    public void shutdown(String vm) {
        controller.runAction("Cannot shut down " + name(vm), () -> calls.shutdown(vm));
    }

    @Override
    public void applySettings(String vm, int width, int height, boolean hdr, List<String> clientOptions, List<String> users) {
        String name = name(vm);
        controller.runAction("Cannot save the settings of " + name, () -> {
            VmState state = controller.vm(vm);
            List<String> notes = new ArrayList<>();
            if (state == null || !state.enabled()) {
                Map<String, Variant<?>> options = new LinkedHashMap<>();
                options.put("users", new Variant<>(users, "as"));
                options.put("client_options", new Variant<>(clientOptions, "as"));
                notes.addAll(calls.enable(vm, width, height, hdr, options));
            } else {
                if (state.width() != width || state.height() != height || state.hdr() != hdr) {
                    notes.addAll(calls.resize(vm, width, height, hdr));
                }
                if (!state.clientOptions().equals(clientOptions)) {
                    calls.setClientOptions(vm, clientOptions);
                    notes.add("client options: " + (clientOptions.isEmpty() ? "none" : String.join(" ", clientOptions)));
                }
                if (!state.users().equals(users)) {
                    calls.setUsers(vm, users);
                    notes.add("users: " + String.join(", ", users));
                }
            }
            controller.info("Settings of " + name, notes.isEmpty() ? "nothing to change" : String.join("\n", notes));
        });
    }

    @Override
    public int computeShmSize(int width, int height, boolean hdr, String formula) {
        try {
            return calls.computeShmSize(width, height, hdr, formula);
        } catch (DBusException | DBusExecutionException e) {
            return -1;
        }
    }

    @Override
    public void quit() {
        quit.run();
    }
}
