package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.daemon.vm.RequestValues.clientOptions;
import static io.github.lgmanager.daemon.vm.RequestValues.formula;
import static io.github.lgmanager.daemon.vm.RequestValues.mode;
import static io.github.lgmanager.daemon.vm.RequestValues.resolution;
import static io.github.lgmanager.daemon.vm.RequestValues.settings;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmNames;
import java.util.List;

/** The settings an Enable request stores: the request over what the VM has, with a file no other VM uses. */
final class EnableSettings {
    private final VmSupervisor supervisor;
    private final DisplayAccess access;

    EnableSettings(VmSupervisor supervisor, DisplayAccess access) {
        this.supervisor = supervisor;
        this.access = access;
    }

    /** What Enable stores for this request; {@code notes} gets a line for each repair made on the way. */
    LookingGlassSettings forEnable(VmRecord vm, EnableRequest r, List<String> notes) throws VmCommandException {
        return ownFile(vm, enabled(vm, r), r, notes);
    }

    /**
     * Makes sure the VM will not share its file (or kvmfr device) with another Looking Glass VM. A name the
     * caller chose is refused, naming the other VM; a name merely kept from before (the old shared default
     * "looking-glass") is repaired to this VM's own default, and the note says so.
     */
    private LookingGlassSettings ownFile(VmRecord vm, LookingGlassSettings s, EnableRequest r, List<String> notes)
            throws VmCommandException {
        var shared = supervisor.sharedWith(vm, s.shmPath());
        if (shared.isEmpty()) {
            return s;
        }
        boolean chosen = s.mode().isKvmfr() ? r.kvmfrDevice().isPresent() || r.mode().isPresent() : r.shmName().isPresent();
        if (chosen || s.mode().isKvmfr()) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, "cannot enable '" + vm.name
                    + "' with " + shared.get().replace("access is not granted until they differ", "nothing was changed"));
        }
        LookingGlassSettings own = settings(() -> s.withShmName(ShmNames.defaultFor(vm.name)));
        notes.add("moved from " + s.shmPath() + " (also used by another VM) to " + own.shmPath()
                + "; restart looking-glass-client with the new file");
        return own;
    }

    /** The settings Enable would store: the request over the VM's current settings (or the VM's defaults). */
    private LookingGlassSettings enabled(VmRecord vm, EnableRequest r) throws VmCommandException {
        LookingGlassSettings base = vm.settings.orElse(LookingGlassSettings.defaultsFor(vm.name));
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
    List<String> knownUsers(List<String> users) throws InvalidSettingsException {
        for (String user : users) {
            LookingGlassSettings.checkUser(user);
            if (access.uidOf(user).isEmpty()) {
                throw new InvalidSettingsException("no user named '" + user + "' on this system; create it first"
                        + " or check the spelling");
            }
        }
        return users;
    }
}
