// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.RequestValues;
import io.github.lgmanager.core.vm.SettingsChange;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The settings enable and set share, as one {@link SettingsChange}. Every option not given keeps the VM's current
 * value (or the value kept by disable). Each value is checked here, before any backend is contacted: a typo costs
 * no bus or libvirt traffic, and conflicting options are a usage error that names both.
 */
final class SettingsOptions {
    static final String KEEPS = " Not given: keeps the VM's current (or kept) value.";

    @Option(names = "--resolution", paramLabel = "RES", description = "WIDTHxHEIGHT, a preset (1080p, 1200p, 1440p,"
            + " 3440x1440, 4k, 5k, 8k) or auto (the largest mode of this host's connected monitors)." + KEEPS
            + " First enable: 1920x1080.")
    String resolution;

    @Option(names = "--hdr", negatable = true, description = "Size for HDR frames (twice the memory with the b7"
            + " formula); --no-hdr: for SDR." + KEEPS)
    Boolean hdr;

    @Option(names = "--formula", paramLabel = "b7|idd", description = "Sizing formula: b7 (the B7 release) or idd"
            + " (the development line's display driver)." + KEEPS)
    String formula;

    @Option(names = "--user", paramLabel = "USER", description = "A desktop user who may see the display (repeat for"
            + " several): replaces the VM's list." + KEEPS)
    List<String> users;

    @Option(names = "--add-user", paramLabel = "USER", description = "Adds a user to the VM's list (repeat).")
    List<String> addUsers = List.of();

    @Option(names = "--remove-user", paramLabel = "USER", description = "Removes a user from the list (repeat), with"
            + " their auto-open choice. Removing the last one leaves a VM whose display only root can open.")
    List<String> removeUsers = List.of();

    @Option(names = "--client-option", paramLabel = "KEY=VALUE", description = "A looking-glass-client option, e.g."
            + " egl:scale=2 or win:fullScreen=yes (repeat): replaces the VM's list. Options that choose the shared"
            + " memory, SPICE endpoint, a config file or the clipboard (spice:host, app:shmFile,"
            + " spice:clipboardToVM...) are refused: they would apply to every listed user's viewer." + KEEPS)
    List<String> clientOptions;

    @Option(names = "--add-client-option", paramLabel = "KEY=VALUE", description = "Adds an option, or gives one the"
            + " VM has a new value (repeat).")
    List<String> addClientOptions = List.of();

    @Option(names = "--remove-client-option", paramLabel = "KEY", description = "Removes the option with this key,"
            + " e.g. egl:scale (repeat).")
    List<String> removeClientOptions = List.of();

    @Option(names = "--clear-client-options", description = "Removes every client option.")
    boolean clearClientOptions;

    @Option(names = "--auto-open", negatable = true, description = "Your own choice: the tray opens the viewer for"
            + " you when the VM starts (--no-auto-open: it does not). Each listed user decides for themselves; under"
            + " sudo it is the sudo user's choice." + KEEPS)
    Boolean autoOpen;

    @Option(names = "--for-user", paramLabel = "USER", description = "Make the --auto-open/--no-auto-open choice for"
            + " this listed user instead of yourself (needs the right to configure VMs).")
    String forUser;

    /** The flag a part of the change comes from, for conflicts. */
    static String flagOf(SettingsChange.Part part) {
        return switch (part) {
            case USERS -> "--user";
            case ADD_USERS -> "--add-user";
            case REMOVE_USERS -> "--remove-user";
            case CLIENT_OPTIONS -> "--client-option";
            case ADD_CLIENT_OPTIONS -> "--add-client-option";
            case REMOVE_CLIENT_OPTIONS -> "--remove-client-option";
            case CLEAR_CLIENT_OPTIONS -> "--clear-client-options";
            case WIDTH, HEIGHT -> "--resolution";
        };
    }

    /**
     * The change these options ask for, checked: a bad resolution, user name or client option, or two options
     * that contradict each other, is a usage error (exit 2) before anything is contacted.
     */
    SettingsChange change(Subcommand command, Optional<String> chooser) throws AdminException {
        if (forUser != null && autoOpen == null) {
            throw new AdminException("--for-user names whose auto-open choice to set: give --auto-open or"
                    + " --no-auto-open with it", AdminException.USAGE);
        }
        Optional<String> autoOpenUser = Optional.ofNullable(forUser).or(() -> chooser);
        Optional<Resolution> res = resolution == null ? Optional.empty()
                : Optional.of(command.resolution(resolution).resolution());
        SettingsChange change = new SettingsChange(res.map(Resolution::width), res.map(Resolution::height),
                Optional.ofNullable(hdr), Optional.ofNullable(formula), Optional.ofNullable(users), addUsers,
                removeUsers, Optional.ofNullable(clientOptions), addClientOptions, removeClientOptions,
                clearClientOptions, Optional.ofNullable(autoOpen),
                autoOpen == null ? Optional.empty() : autoOpenUser);
        Optional<String> conflict = change.conflict(SettingsOptions::flagOf);
        if (conflict.isPresent()) {
            throw new AdminException(conflict.get() + "; nothing was changed", AdminException.USAGE);
        }
        try {
            if (formula != null) {
                RequestValues.formula(formula);
            }
            for (List<String> names : List.of(users == null ? List.<String>of() : users, addUsers, removeUsers,
                    forUser == null ? List.<String>of() : List.of(forUser))) {
                for (String user : names) {
                    LookingGlassSettings.checkUser(user);
                }
            }
            RequestValues.clientOptions(clientOptions == null ? List.of() : clientOptions);
            RequestValues.clientOptions(addClientOptions);
        } catch (InvalidSettingsException e) {
            throw new AdminException(e.getMessage() + "; nothing was changed", AdminException.USAGE);
        }
        return change;
    }

    /**
     * Whose auto-open choice the change makes: under sudo the sudo user's (root's own is not one a desktop user
     * wants); otherwise empty, so lg-daemon takes the caller's.
     */
    static Optional<String> chooser(Host host) {
        String sudo = host.env().get("SUDO_USER");
        return "root".equals(host.userName()) && sudo != null && !sudo.isBlank() && !sudo.equals("root")
                ? Optional.of(sudo) : Optional.empty();
    }
}
