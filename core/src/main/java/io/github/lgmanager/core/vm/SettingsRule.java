// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import static io.github.lgmanager.core.vm.RequestValues.formula;
import static io.github.lgmanager.core.vm.RequestValues.mode;
import static io.github.lgmanager.core.vm.RequestValues.resolution;
import static io.github.lgmanager.core.vm.RequestValues.settings;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings a change stores: the request over what the VM has, for users that exist, with a file no other VM
 * uses. The same rule for lg-daemon and for lg-admin's direct mode, so both make the same edit.
 */
public final class SettingsRule {
    /** Whether a user exists on this system (NSS, not only /etc/passwd). */
    public interface Users {
        boolean exists(String user);
    }

    /** Another Looking Glass VM's use of a file or kvmfr device, as a sentence with the fix; empty when none. */
    public interface FileUse {
        Optional<String> sharedWith(String path);
    }

    private final Users users;
    private final FileUse fileUse;

    public SettingsRule(Users users, FileUse fileUse) {
        this.users = users;
        this.fileUse = fileUse;
    }

    /**
     * Who asks, for the one setting that is each user's own (auto-open): lg-daemon knows the caller's uid, lg-admin's
     * direct mode the invoking user.
     */
    public interface Caller {
        boolean is(String user);

        /** The caller in a message: "uid 1000" or "alice". */
        String describe();
    }

    /**
     * What Enable stores for this request: the request over the VM's current (or kept) settings, the defaults only
     * on first enable; {@code notes} gets a line for each repair or choice made on the way.
     */
    public LookingGlassSettings forEnable(String vmName, Optional<LookingGlassSettings> current, EnableRequest r,
            Caller caller, List<String> notes) throws VmCommandException {
        SettingsChange change = r.settings();
        if (current.isEmpty() && change.users().isEmpty() && change.addUsers().isEmpty()) {
            change = change.withUsers(r.initialUsers());
            notes.add(r.initialUsers().filter(u -> !u.isEmpty())
                    .map(u -> "users: " + String.join(", ", u) + " (the invoking user; choose others with --user)")
                    .orElse("users: none (no --user given, and no invoking user but root; add one with: lg-admin set "
                            + vmName + " --add-user USER)"));
        }
        LookingGlassSettings base = current.orElse(LookingGlassSettings.defaultsFor(vmName)).withEnabled(true);
        LookingGlassSettings s = changed(vmName, base, change, caller, notes);
        LookingGlassSettings withFile = settings(() -> {
            LookingGlassSettings f = s;
            if (r.mode().isPresent() || r.kvmfrDevice().isPresent()) {
                f = f.withMode(mode(r.mode().orElse(r.kvmfrDevice().isPresent() ? "kvmfr" : "shm"),
                        r.kvmfrDevice().orElse(null)));
            }
            if (r.shmName().isPresent()) {
                f = f.withShmName(r.shmName().get());
            }
            return f;
        });
        return ownFile(vmName, withFile, r, notes);
    }

    /**
     * What set stores: the change over the settings of a VM that has Looking Glass (one define for all of it);
     * {@code notes} gets a line for each setting that differs, with its value before.
     */
    public LookingGlassSettings forChange(String vmName, LookingGlassSettings current, SettingsChange change,
            Caller caller, List<String> notes) throws VmCommandException {
        LookingGlassSettings next = changed(vmName, current, change, caller, notes);
        notes.addAll(0, SettingsDifferences.between(current, next));
        return next;
    }

    private LookingGlassSettings changed(String vmName, LookingGlassSettings base, SettingsChange c, Caller caller,
            List<String> notes) throws VmCommandException {
        Optional<String> conflict = c.conflict(p -> p.name().toLowerCase(java.util.Locale.ROOT));
        if (conflict.isPresent()) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, conflict.get() + "; nothing was changed");
        }
        return settings(() -> {
            LookingGlassSettings s = base;
            if (c.width().isPresent() && c.height().isPresent()) {
                s = s.withResolution(resolution(c.width().get(), c.height().get()));
            }
            if (c.hdr().isPresent()) {
                s = s.withHdr(c.hdr().get());
            }
            if (c.formula().isPresent()) {
                s = s.withFormula(formula(c.formula().get()));
            }
            s = s.withUsers(users(vmName, s.users(), c));
            if (s.users().isEmpty() && !base.users().isEmpty()) {
                notes.add("VM '" + vmName + "' has no users now: nobody but root can open its display (add one with:"
                        + " lg-admin set " + vmName + " --add-user USER)");
            }
            s = s.withClientOptions(ClientOptionEdits.apply(vmName, s.clientOptions(), c));
            if (c.autoOpen().isPresent()) {
                s = s.withAutoOpen(chooser(vmName, s.users(), c.autoOpenUser(), caller), c.autoOpen().get());
            }
            return s;
        });
    }

    /** The users after the change; a name must exist on this system, and one removed must have been listed. */
    private List<String> users(String vmName, List<String> listed, SettingsChange c) throws InvalidSettingsException {
        if (c.users().isPresent()) {
            return knownUsers(c.users().get().stream().distinct().toList());
        }
        List<String> next = new ArrayList<>(listed);
        for (String user : c.removeUsers()) {
            if (!next.remove(user)) {
                throw new InvalidSettingsException("'" + user + "' is not one of VM '" + vmName + "''s users ("
                        + listedOrNone(listed) + "); nothing was changed");
            }
        }
        for (String user : knownUsers(c.addUsers())) {
            if (!next.contains(user)) {
                next.add(user);
            }
        }
        return next;
    }

    /** Whose auto-open choice this is: the named user, else the caller, who must be listed either way. */
    private static String chooser(String vmName, List<String> listed, Optional<String> named, Caller caller)
            throws InvalidSettingsException {
        if (named.isPresent()) {
            if (!listed.contains(named.get())) {
                throw new InvalidSettingsException("'" + named.get() + "' is not one of VM '" + vmName + "''s users ("
                        + listedOrNone(listed) + "): only a listed user has an auto-open choice; nothing was changed");
            }
            return named.get();
        }
        return listed.stream().filter(caller::is).findFirst().orElseThrow(() -> new InvalidSettingsException(
                "auto-open is each listed user's own choice, and you (" + caller.describe() + ") are not one of VM '"
                        + vmName + "''s users (" + listedOrNone(listed) + "); an administrator can add you with:"
                        + " lg-admin set " + vmName + " --add-user YOU, or make a listed user's choice with --for-user"
                        + " USER; nothing was changed"));
    }

    private static String listedOrNone(List<String> users) {
        return users.isEmpty() ? "it has none" : String.join(", ", users);
    }

    /**
     * Makes sure the VM will not share its file (or kvmfr device) with another Looking Glass VM. A name the
     * caller chose is refused, naming the other VM; a name merely kept from before (the old shared default
     * "looking-glass") is repaired to this VM's own default, and the note says so.
     */
    private LookingGlassSettings ownFile(String vmName, LookingGlassSettings s, EnableRequest r, List<String> notes)
            throws VmCommandException {
        var shared = fileUse.sharedWith(s.shmPath());
        if (shared.isEmpty()) {
            return s;
        }
        boolean chosen = s.mode().isKvmfr() ? r.kvmfrDevice().isPresent() || r.mode().isPresent() : r.shmName().isPresent();
        if (chosen || s.mode().isKvmfr()) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, "cannot enable '" + vmName
                    + "' with " + shared.get().replace("access is not granted until they differ", "nothing was changed"));
        }
        LookingGlassSettings own = settings(() -> s.withShmName(ShmNames.defaultFor(vmName)));
        notes.add("moved from " + s.shmPath() + " (also used by another VM) to " + own.shmPath()
                + "; restart looking-glass-client with the new file");
        return own;
    }

    /** Users must exist on this system: a typo would otherwise be granted nothing, silently. */
    public List<String> knownUsers(List<String> names) throws InvalidSettingsException {
        return knownUsers(names, users);
    }

    /** The same check for a change that only sets users (no file is chosen, so no other VM matters). */
    public static List<String> knownUsers(List<String> names, Users users) throws InvalidSettingsException {
        for (String user : names) {
            LookingGlassSettings.checkUser(user);
            if (!users.exists(user)) {
                throw new InvalidSettingsException("no user named '" + user + "' on this system; create it first"
                        + " or check the spelling");
            }
        }
        return names;
    }
}
