// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.core.vm.DefinitionEdits.libvirt;
import static io.github.lgmanager.core.vm.RequestValues.extras;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.DefinitionEdits;
import io.github.lgmanager.core.vm.DefinitionEdits.XmlEdit;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.SettingsRule;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that change (or preview a change of) a VM's definition, and the correction of an edit made behind
 * our back. The decisions are core's ({@link SettingsRule}: what is stored; {@link DefinitionEdits}: read, pure
 * edit, define only if changed); this adds what a running daemon knows: which files other VMs use, and what to do
 * for a VM that runs. Runs on the supervisor thread; a command that fails leaves the VM unchanged.
 */
final class DefinitionService {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionService.class);
    private static final long MIB = 1024L * 1024L;
    private final VmRegistry registry;
    private final VmUpdates updates;
    private final DisplayPreparer display;
    private final DisplayAccess access;
    private final Connection connection;

    /**
     * The libvirt connection, asked for only when a command gets to libvirt: a bad request is refused as such even
     * while libvirtd is away.
     */
    interface Connection {
        Domains domains() throws VmCommandException;
    }

    DefinitionService(VmRegistry registry, VmUpdates updates, DisplayPreparer display, DisplayAccess access,
            Connection connection) {
        this.registry = registry;
        this.updates = updates;
        this.display = display;
        this.access = access;
        this.connection = connection;
    }

    List<String> enable(String uuid, EnableRequest r, int callerUid) throws VmCommandException {
        VmRecord vm = registry.find(uuid);
        List<String> repairs = new ArrayList<>();
        LookingGlassSettings next = forEnable(vm, r, callerUid, repairs);
        Domains domains = connection.domains();
        boolean wasOn = vm.enabled();
        List<String> usersBefore = vm.users();
        DefinitionEdits.Outcome outcome = redefine(domains, vm, xml -> DomainXmlEditor.enable(xml, next, extras(r)));
        List<String> notes = new ArrayList<>(repairs);
        if (!outcome.changed() && wasOn) {
            notes.add("Looking Glass is already on for VM '" + vm.name + "' with these settings; nothing changed");
        } else {
            notes.addAll(outcome.notes());
        }
        if (outcome.changed() && vm.running && wasOn && !next.users().equals(usersBefore)) {
            updates.prepareDisplay(domains, vm, false);
        }
        if (r.live() && vm.running) {
            notes.add(attachLive(domains, vm, next));
        }
        return notes;
    }

    Preview previewEnable(String uuid, EnableRequest r, int callerUid) throws VmCommandException {
        VmRecord vm = registry.find(uuid);
        List<String> repairs = new ArrayList<>();
        LookingGlassSettings next = forEnable(vm, r, callerUid, repairs);
        Preview preview = preview(vm, xml -> DomainXmlEditor.enable(xml, next, extras(r)));
        preview.notes().addAll(0, repairs);
        if (r.live() && vm.running && !next.mode().isKvmfr() && vm.liveDevice.isEmpty()) {
            preview.notes().add("would attach the device to the running VM");
        }
        return preview;
    }

    Preview previewDisable(String uuid, boolean forget) throws VmCommandException {
        return forget ? preview(registry.find(uuid), DomainXmlEditor::disableAndForget)
                : preview(registry.findEnabled(uuid), DomainXmlEditor::disable);
    }

    /** The persistent definition as libvirt's read-only view shows it (no passwords). */
    String xml(String uuid) throws VmCommandException {
        VmRecord vm = registry.find(uuid);
        Domains domains = connection.domains();
        return libvirt(() -> domains.persistentXmlWithoutSecrets(vm.uuid));
    }

    /**
     * Every change set asks for, in one definition (one define, or none when it changes nothing). A user added
     * to or removed from a running VM gets or loses access now: the grant writes the whole ACL.
     */
    List<String> configure(String uuid, SettingsChange change, int callerUid) throws VmCommandException {
        VmRecord vm = registry.findEnabled(uuid);
        List<String> notes = new ArrayList<>();
        LookingGlassSettings before = vm.settings.get();
        LookingGlassSettings next = rule(vm).forChange(vm.name, before, change, caller(callerUid), notes);
        Domains domains = connection.domains();
        DefinitionEdits.Outcome outcome = redefine(domains, vm, xml -> DomainXmlEditor.enable(xml, next));
        if (!outcome.changed()) {
            notes.add("VM '" + vm.name + "' already has these settings; nothing changed");
            return notes;
        }
        notes.addAll(outcome.notes());
        if (vm.running && !next.users().equals(before.users())) {
            updates.prepareDisplay(domains, vm, false);
        }
        if (vm.running && next.sizeBytes() != before.sizeBytes()) {
            // QEMU cannot resize a mapped region; the old file must also go before the next start.
            notes.add("the running VM keeps its current size until it is restarted");
        }
        return notes;
    }

    /**
     * Removes our device; the settings stay in the metadata for the next enable, unless {@code forget}, which
     * removes them too (and a {@code <metadata>} left empty), as before the first enable.
     */
    List<String> disable(String uuid, boolean forget) throws VmCommandException {
        VmRecord vm = forget ? registry.find(uuid) : registry.findEnabled(uuid);
        boolean wasOn = vm.enabled();
        Domains domains = connection.domains();
        DefinitionEdits.Outcome outcome = redefine(domains, vm,
                forget ? DomainXmlEditor::disableAndForget : DomainXmlEditor::disable);
        List<String> notes = new ArrayList<>(outcome.notes());
        if (!outcome.changed()) {
            notes.clear();
            notes.add("VM '" + vm.name + "' has neither our device nor our settings; nothing changed");
            return notes;
        }
        notes.add(forget ? "Looking Glass is off for VM '" + vm.name + "' and its settings are forgotten: the"
                + " definition is as before the first enable"
                : "Looking Glass is off for VM '" + vm.name + "'; its settings (resolution, users, client options,"
                + " file) are kept in the VM's metadata for the next enable (lg-admin disable --forget removes them)");
        if (wasOn && vm.running) {
            display.revokeEveryone(domains, vm);
            notes.add("access to the running VM's shared memory was revoked for every user");
        }
        return notes;
    }

    /**
     * Keeps the definition fit for its settings after someone else edited it: a device smaller than the
     * resolution needs would truncate the screen, so it is corrected; a device removed by hand is reported, not
     * re-added (that would fight the user). Runs after every DEFINED.
     */
    void checkDrift(Domains domains, VmRecord vm) {
        if (!vm.enabled()) {
            return;
        }
        LookingGlassSettings s = vm.settings.get();
        if (vm.device.isEmpty()) {
            vm.definitionError = "Looking Glass is enabled in the metadata but the definition has no device;"
                    + " run: lg-admin enable " + vm.name + " (or lg-admin disable " + vm.name + ")";
            LOG.warn("{}: {}", vm.name, vm.definitionError);
            return;
        }
        long actual = vm.device.get().sizeBytes();
        if (actual < 0 || actual >= s.sizeBytes()) {
            return;
        }
        try {
            redefine(domains, vm, xml -> DomainXmlEditor.enable(xml, s));
            LOG.info("{}: corrected an undersized device ({} MiB) to {} MiB, as {} needs", vm.name, actual / MIB,
                    s.sizeMiB(), s.resolution());
        } catch (VmCommandException e) {
            vm.definitionError = "the device is too small for " + s.resolution() + " and could not be corrected: "
                    + e.getMessage();
            LOG.warn("{}: {}", vm.name, vm.definitionError);
        }
    }

    /**
     * Applies the pure edit and defines the result only if it changed. Our own define comes back as a DEFINED
     * event, which re-reads and finds nothing to do: no loop.
     */
    private DefinitionEdits.Outcome redefine(Domains domains, VmRecord vm, XmlEdit edit) throws VmCommandException {
        DefinitionEdits.Outcome outcome = DefinitionEdits.redefine(domains, vm.uuid, edit);
        if (!outcome.changed()) {
            return outcome;
        }
        List<String> notes = new ArrayList<>(outcome.notes());
        updates.definitionChanged(domains, vm);
        if (vm.running) {
            notes.add("VM '" + vm.name + "' is running: the change applies at its next boot");
        }
        updates.publish(vm, false);
        LOG.info("{}: definition updated ({})", vm.name, String.join("; ", outcome.notes()));
        return new DefinitionEdits.Outcome(notes, true);
    }

    private Preview preview(VmRecord vm, XmlEdit edit) throws VmCommandException {
        return DefinitionEdits.preview(connection.domains(), vm.uuid, vm.name, vm.running, edit);
    }

    private String attachLive(Domains domains, VmRecord vm, LookingGlassSettings s) {
        if (s.mode().isKvmfr()) {
            return "kvmfr devices cannot be hot-plugged; restart the VM to apply";
        }
        if (vm.liveDevice.isPresent()) {
            return "the running VM already has a Looking Glass device; restart the VM to apply the new size";
        }
        String device = "<shmem name='" + s.shmName() + "'><model type='ivshmem-plain'/><size unit='M'>"
                + s.sizeMiB() + "</size></shmem>";
        try {
            libvirt(() -> {
                domains.attachLive(vm.uuid, device);
                return null;
            });
        } catch (VmCommandException e) {
            // The definition is already saved: the change is not lost, it waits for the next boot.
            LOG.warn("{}: live attach failed: {}", vm.name, e.getMessage());
            return "could not attach the device to the running VM (" + e.getMessage() + "); it applies at the next boot";
        }
        updates.prepareDisplay(domains, vm, false);
        return "attached the device to the running VM";
    }

    /** The rule with this daemon's view of which users exist and which files other VMs use. */
    private SettingsRule rule(VmRecord vm) {
        return new SettingsRule(user -> access.uidOf(user).isPresent(), path -> registry.sharedWith(vm, path));
    }

    /** The caller as the rule sees them: a listed user is the caller when their uid is the caller's. */
    private SettingsRule.Caller caller(int uid) {
        return new SettingsRule.Caller() {
            @Override
            public boolean is(String user) {
                OptionalInt id = access.uidOf(user);
                return id.isPresent() && id.getAsInt() == uid;
            }

            @Override
            public String describe() {
                return "uid " + uid;
            }
        };
    }

    private LookingGlassSettings forEnable(VmRecord vm, EnableRequest r, int callerUid, List<String> repairs)
            throws VmCommandException {
        return rule(vm).forEnable(vm.name, vm.settings, r, caller(callerUid), repairs);
    }
}
