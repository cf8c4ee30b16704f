// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A change of a VM's settings, as enable and set ask for it: every empty value keeps what the VM has (or kept when
 * it was disabled). Lists are replaced ({@code users}, {@code clientOptions}) or edited ({@code addUsers},
 * {@code removeUsers}, {@code addClientOptions}, {@code removeClientOptions} by key, {@code clearClientOptions}),
 * never both: see {@link #conflict}.
 *
 * @param autoOpen     one user's own choice of opening the viewer when the VM starts
 * @param autoOpenUser whose choice: empty means the caller's (each listed user decides for themselves)
 */
public record SettingsChange(Optional<Integer> width, Optional<Integer> height, Optional<Boolean> hdr,
        Optional<String> formula, Optional<List<String>> users, List<String> addUsers, List<String> removeUsers,
        Optional<List<String>> clientOptions, List<String> addClientOptions, List<String> removeClientOptions,
        boolean clearClientOptions, Optional<Boolean> autoOpen, Optional<String> autoOpenUser) {

    /** The parts of a change, for naming them in a conflict: lg-admin names its flags, the D-Bus API its keys. */
    public enum Part {
        USERS, ADD_USERS, REMOVE_USERS, CLIENT_OPTIONS, ADD_CLIENT_OPTIONS, REMOVE_CLIENT_OPTIONS, CLEAR_CLIENT_OPTIONS,
        WIDTH, HEIGHT
    }

    public static final SettingsChange NONE = new SettingsChange(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(), List.of(), false,
            Optional.empty(), Optional.empty());

    public SettingsChange {
        users = users.map(List::copyOf);
        addUsers = List.copyOf(addUsers);
        removeUsers = List.copyOf(removeUsers);
        clientOptions = clientOptions.map(List::copyOf);
        addClientOptions = List.copyOf(addClientOptions);
        removeClientOptions = List.copyOf(removeClientOptions);
    }

    /** True when nothing would change: set refuses it as a usage error ("nothing to set"). */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** True when the change is nothing but a user's own auto-open choice, which needs no administrator. */
    public boolean onlyOwnAutoOpen() {
        return autoOpen.isPresent() && autoOpenUser.isEmpty()
                && withAutoOpen(Optional.empty(), Optional.empty()).isEmpty();
    }

    public SettingsChange withAutoOpen(Optional<Boolean> value, Optional<String> user) {
        return new SettingsChange(width, height, hdr, formula, users, addUsers, removeUsers, clientOptions,
                addClientOptions, removeClientOptions, clearClientOptions, value, user);
    }

    public SettingsChange withUsers(Optional<List<String>> value) {
        return new SettingsChange(width, height, hdr, formula, value, addUsers, removeUsers, clientOptions,
                addClientOptions, removeClientOptions, clearClientOptions, autoOpen, autoOpenUser);
    }

    public SettingsChange withClientOptions(Optional<List<String>> value) {
        return new SettingsChange(width, height, hdr, formula, users, addUsers, removeUsers, value,
                addClientOptions, removeClientOptions, clearClientOptions, autoOpen, autoOpenUser);
    }

    public SettingsChange withFormula(Optional<String> value) {
        return new SettingsChange(width, height, hdr, value, users, addUsers, removeUsers, clientOptions,
                addClientOptions, removeClientOptions, clearClientOptions, autoOpen, autoOpenUser);
    }

    public SettingsChange withResolution(int w, int h, Optional<Boolean> withHdr) {
        return new SettingsChange(Optional.of(w), Optional.of(h), withHdr, formula, users, addUsers, removeUsers,
                clientOptions, addClientOptions, removeClientOptions, clearClientOptions, autoOpen, autoOpenUser);
    }

    /**
     * Why these parts cannot go together, naming both as {@code name} spells them ("--user and --add-user cannot
     * be combined: ..."); empty when they can. Checked before anything is read or defined.
     */
    public Optional<String> conflict(Function<Part, String> name) {
        List<String> problems = new ArrayList<>();
        if (users.isPresent()) {
            both(problems, name, Part.USERS, Part.ADD_USERS, !addUsers.isEmpty(), "the first replaces the whole list");
            both(problems, name, Part.USERS, Part.REMOVE_USERS, !removeUsers.isEmpty(), "the first replaces the whole list");
        }
        for (String user : addUsers) {
            if (removeUsers.contains(user)) {
                problems.add(name.apply(Part.ADD_USERS) + " and " + name.apply(Part.REMOVE_USERS)
                        + " both name '" + user + "': say which you mean");
            }
        }
        if (clientOptions.isPresent()) {
            String why = "the first replaces the whole list";
            both(problems, name, Part.CLIENT_OPTIONS, Part.ADD_CLIENT_OPTIONS, !addClientOptions.isEmpty(), why);
            both(problems, name, Part.CLIENT_OPTIONS, Part.REMOVE_CLIENT_OPTIONS, !removeClientOptions.isEmpty(), why);
            both(problems, name, Part.CLIENT_OPTIONS, Part.CLEAR_CLIENT_OPTIONS, clearClientOptions, why);
        }
        if (clearClientOptions) {
            String why = "the second empties the list";
            both(problems, name, Part.ADD_CLIENT_OPTIONS, Part.CLEAR_CLIENT_OPTIONS, !addClientOptions.isEmpty(), why);
            both(problems, name, Part.REMOVE_CLIENT_OPTIONS, Part.CLEAR_CLIENT_OPTIONS, !removeClientOptions.isEmpty(), why);
        }
        for (String option : addClientOptions) {
            String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (removeClientOptions.stream().anyMatch(key::equalsIgnoreCase)) {
                problems.add(name.apply(Part.ADD_CLIENT_OPTIONS) + " and " + name.apply(Part.REMOVE_CLIENT_OPTIONS)
                        + " both name '" + key + "': say which you mean");
            }
        }
        if (width.isPresent() != height.isPresent()) {
            problems.add(name.apply(Part.WIDTH) + " and " + name.apply(Part.HEIGHT) + " go together: give both or neither");
        }
        return problems.stream().findFirst();
    }

    private static void both(List<String> problems, Function<Part, String> name, Part a, Part b, boolean given,
            String why) {
        if (given) {
            problems.add(name.apply(a) + " and " + name.apply(b) + " cannot be combined: " + why);
        }
    }
}
