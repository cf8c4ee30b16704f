// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import static io.github.lgmanager.core.vm.RequestValues.clientOptions;
import static io.github.lgmanager.core.vm.RequestValues.formula;
import static io.github.lgmanager.core.vm.RequestValues.mode;
import static io.github.lgmanager.core.vm.RequestValues.resolution;
import static io.github.lgmanager.core.vm.RequestValues.settings;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmNames;
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

    /** What Enable stores for this request; {@code notes} gets a line for each repair made on the way. */
    public LookingGlassSettings forEnable(String vmName, Optional<LookingGlassSettings> current, EnableRequest r,
            List<String> notes) throws VmCommandException {
        return ownFile(vmName, enabled(vmName, current, r), r, notes);
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

    /** The settings Enable would store: the request over the VM's current settings (or the VM's defaults). */
    private LookingGlassSettings enabled(String vmName, Optional<LookingGlassSettings> current, EnableRequest r)
            throws VmCommandException {
        LookingGlassSettings base = current.orElse(LookingGlassSettings.defaultsFor(vmName));
        return settings(() -> {
            LookingGlassSettings s = base.withEnabled(true)
                    .withResolution(resolution(r.width(), r.height()))
                    .withHdr(r.hdr());
            if (r.formula().isPresent()) {
                s = s.withFormula(formula(r.formula().get()));
            }
            if (r.mode().isPresent() || r.kvmfrDevice().isPresent()) {
                s = s.withMode(mode(r.mode().orElse(r.kvmfrDevice().isPresent() ? "kvmfr" : "shm"), r.kvmfrDevice().orElse(null)));
            }
            if (r.shmName().isPresent()) {
                s = s.withShmName(r.shmName().get());
            }
            if (r.users().isPresent()) {
                s = s.withUsers(knownUsers(r.users().get()));
            }
            if (r.autoOpen().isPresent()) {
                s = s.withAutoOpen(r.autoOpen().get());
            }
            if (r.clientOptions().isPresent()) {
                s = s.withClientOptions(clientOptions(r.clientOptions().get()));
            }
            return s;
        });
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
