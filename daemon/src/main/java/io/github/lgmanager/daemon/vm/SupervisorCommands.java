package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.core.vm.DefinitionEdits.libvirt;
import static io.github.lgmanager.core.vm.RequestValues.clientOptions;
import static io.github.lgmanager.core.vm.RequestValues.extras;
import static io.github.lgmanager.core.vm.RequestValues.formula;
import static io.github.lgmanager.core.vm.RequestValues.resolution;
import static io.github.lgmanager.core.vm.RequestValues.settings;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.vm.DefinitionEdits;
import io.github.lgmanager.core.vm.DefinitionEdits.XmlEdit;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsRule;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The VM operations behind the D-Bus methods. Each runs on the supervisor thread and leaves the VM unchanged on failure. */
public final class SupervisorCommands implements VmCommands {
    private static final long MIB = 1024L * 1024L;
    private final VmSupervisor supervisor;
    private final DisplayAccess access;
    private final SettingsRule settingsRule;

    SupervisorCommands(VmSupervisor supervisor, DisplayAccess access) {
        this.supervisor = supervisor;
        this.access = access;
        this.settingsRule = new SettingsRule(user -> access.uidOf(user).isPresent(),
                path -> Optional.empty());
    }

    @Override
    public List<String> enable(String uuid, EnableRequest r) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = find(uuid);
            List<String> repairs = new ArrayList<>();
            LookingGlassSettings next = forEnable(vm, r, repairs);
            List<String> notes = redefine(vm, xml -> DomainXmlEditor.enable(xml, next, extras(r)));
            notes.addAll(0, repairs);
            if (r.live() && vm.running) {
                notes.add(attachLive(vm, next));
            }
            return notes;
        });
    }

    @Override
    public Preview previewEnable(String uuid, EnableRequest r) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = find(uuid);
            List<String> repairs = new ArrayList<>();
            LookingGlassSettings next = forEnable(vm, r, repairs);
            Preview preview = preview(vm, xml -> DomainXmlEditor.enable(xml, next, extras(r)));
            preview.notes().addAll(0, repairs);
            if (r.live() && vm.running && !next.mode().isKvmfr() && vm.liveDevice.isEmpty()) {
                preview.notes().add("would attach the device to the running VM");
            }
            return preview;
        });
    }

    @Override
    public Preview previewDisable(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> preview(findEnabled(uuid), DomainXmlEditor::disable));
    }

    @Override
    public String xml(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = find(uuid);
            return libvirt(() -> connection().persistentXmlWithoutSecrets(vm.uuid));
        });
    }

    @Override
    public List<String> resize(String uuid, int width, int height, boolean hdr) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = findEnabled(uuid);
            LookingGlassSettings next = settings(() -> vm.settings.get().withResolution(resolution(width, height)).withHdr(hdr));
            List<String> notes = redefine(vm, xml -> DomainXmlEditor.enable(xml, next));
            if (vm.running) {
                // QEMU cannot resize a mapped region; the old file must also go before the next start.
                notes.add("the running VM keeps its current size until it is restarted");
            }
            return notes;
        });
    }

    @Override
    public List<String> disable(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = findEnabled(uuid);
            List<String> notes = redefine(vm, DomainXmlEditor::disable);
            if (vm.running) {
                revokeEveryone(vm);
                notes.add("access to the running VM's shared memory was revoked for every user");
            }
            return notes;
        });
    }

    @Override
    public void setUsers(String uuid, List<String> users) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = findEnabled(uuid);
            LookingGlassSettings next = settings(() -> vm.settings.get().withUsers(knownUsers(users)));
            redefine(vm, xml -> DomainXmlEditor.enable(xml, next));
            if (vm.running) {
                // The grant writes the whole ACL: a user added sees the display now, one removed loses it now.
                supervisor.prepareDisplay(vm, false);
            }
            return null;
        });
    }

    @Override
    public void setAutoOpen(String uuid, boolean autoOpen) throws VmCommandException {
        updateSettings(uuid, s -> s.withAutoOpen(autoOpen));
    }

    @Override
    public void setClientOptions(String uuid, List<String> options) throws VmCommandException {
        List<ClientOption> parsed = settings(() -> clientOptions(options));
        updateSettings(uuid, s -> s.withClientOptions(parsed));
    }

    @Override
    public void start(String uuid) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = find(uuid);
            libvirt(() -> {
                connection().start(vm.uuid);
                return null;
            });
            supervisor.logLine(vm.name + ": start requested");
            return null;
        });
    }

    @Override
    public void shutdown(String uuid) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = find(uuid);
            if (!vm.running) {
                throw new VmCommandException(VmCommandException.Kind.NOT_RUNNING, "VM '" + vm.name + "' is not running");
            }
            libvirt(() -> {
                connection().shutdown(vm.uuid);
                return null;
            });
            supervisor.logLine(vm.name + ": shutdown requested");
            return null;
        });
    }

    @Override
    public VmView requestOpen(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = findEnabled(uuid);
            if (!vm.running) {
                throw new VmCommandException(VmCommandException.Kind.NOT_RUNNING,
                        "VM '" + vm.name + "' is not running; start it first");
            }
            supervisor.prepareDisplay(vm, false);
            if (!vm.aclApplied) {
                throw new VmCommandException(VmCommandException.Kind.UNSAFE, vm.displayError);
            }
            return vm.view();
        });
    }

    @Override
    public long computeShmSize(int width, int height, boolean hdr, String formula) throws VmCommandException {
        Resolution resolution = settings(() -> resolution(width, height));
        ShmFormula f = settings(() -> formula == null || formula.isEmpty() ? ShmFormula.B7 : formula(formula));
        return f.sizeMiB(resolution, hdr);
    }

    @Override
    public boolean isListedUser(String uuid, int uid) {
        try {
            return supervisor.onSupervisor(() -> {
                VmRecord vm = supervisor.vms.get(uuid);
                if (vm == null) {
                    return false;
                }
                for (String user : vm.users()) {
                    OptionalInt id = access.uidOf(user);
                    if (id.isPresent() && id.getAsInt() == uid) {
                        return true;
                    }
                }
                return false;
            });
        } catch (VmCommandException e) {
            return false;
        }
    }

    /**
     * Keeps the definition fit for its settings after someone else edited it: a device smaller than the
     * resolution needs would truncate the screen, so it is corrected; a device removed by hand is reported, not
     * re-added (that would fight the user). Runs on the supervisor thread after every DEFINED.
     */
    void checkDrift(VmRecord vm) {
        if (!vm.enabled()) {
            return;
        }
        LookingGlassSettings s = vm.settings.get();
        if (vm.device.isEmpty()) {
            vm.definitionError = "Looking Glass is enabled in the metadata but the definition has no device;"
                    + " run: lg-admin enable " + vm.name + " (or lg-admin disable " + vm.name + ")";
            supervisor.logLine(vm.name + ": " + vm.definitionError);
            return;
        }
        long actual = vm.device.get().sizeBytes();
        if (actual < 0 || actual >= s.sizeBytes()) {
            return;
        }
        try {
            redefine(vm, xml -> DomainXmlEditor.enable(xml, s));
            supervisor.logLine(vm.name + ": corrected an undersized device (" + actual / MIB + " MiB) to "
                    + s.sizeMiB() + " MiB, as " + s.resolution() + " needs");
        } catch (VmCommandException e) {
            vm.definitionError = "the device is too small for " + s.resolution() + " and could not be corrected: "
                    + e.getMessage();
            supervisor.logLine(vm.name + ": " + vm.definitionError);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void updateSettings(String uuid, SettingsChange change) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = findEnabled(uuid);
            LookingGlassSettings next = settings(() -> change.apply(vm.settings.get()));
            redefine(vm, xml -> DomainXmlEditor.enable(xml, next));
            return null;
        });
    }

    private interface SettingsChange {
        LookingGlassSettings apply(LookingGlassSettings s) throws InvalidSettingsException;
    }

    /**
     * Applies the pure edit and defines the result only if it changed. Our own define comes back as a DEFINED
     * event, which re-reads and finds nothing to do: no loop.
     */
    private List<String> redefine(VmRecord vm, XmlEdit edit) throws VmCommandException {
        DefinitionEdits.Outcome outcome = DefinitionEdits.redefine(connection(), vm.uuid, edit);
        List<String> notes = new ArrayList<>(outcome.notes());
        if (!outcome.changed()) {
            return notes;
        }
        supervisor.definitionChanged(vm);
        if (vm.running) {
            notes.add("VM '" + vm.name + "' is running: the change applies at its next boot");
        }
        supervisor.published(vm);
        supervisor.logLine(vm.name + ": definition updated (" + String.join("; ", outcome.notes()) + ")");
        return notes;
    }

    private Preview preview(VmRecord vm, XmlEdit edit) throws VmCommandException {
        return DefinitionEdits.preview(connection(), vm.uuid, vm.name, vm.running, edit);
    }

    private String attachLive(VmRecord vm, LookingGlassSettings s) throws VmCommandException {
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
                connection().attachLive(vm.uuid, device);
                return null;
            });
        } catch (VmCommandException e) {
            // The definition is already saved: the change is not lost, it waits for the next boot.
            supervisor.logLine(vm.name + ": live attach failed: " + e.getMessage());
            return "could not attach the device to the running VM (" + e.getMessage() + "); it applies at the next boot";
        }
        supervisor.prepareDisplay(vm, false);
        return "attached the device to the running VM";
    }

    /** Disable on a running VM: its file stays mapped until it stops, but nobody may open it any more. */
    private void revokeEveryone(VmRecord vm) {
        if (vm.liveDevice.isEmpty()) {
            return;
        }
        try {
            var owner = DomainXmlReader.running(connection().liveXml(vm.uuid), vm.settings).qemuUid();
            if (owner.isPresent()) {
                access.grant(vm.liveDevice.get(), owner.get(), List.of());
            }
        } catch (LibvirtFailure | VmCommandException | DomainXmlException | DisplayAccess.AccessRefusedException e) {
            supervisor.logLine(vm.name + ": could not revoke access: " + e.getMessage());
        }
        vm.aclApplied = false;
    }

    private List<String> knownUsers(List<String> users) throws InvalidSettingsException {
        return settingsRule.knownUsers(users);
    }

    /** Enable's settings, with this VM's view of which files other VMs use. */
    private LookingGlassSettings forEnable(VmRecord vm, EnableRequest r, List<String> repairs) throws VmCommandException {
        SettingsRule rule = new SettingsRule(user -> access.uidOf(user).isPresent(), path -> supervisor.sharedWith(vm, path));
        return rule.forEnable(vm.name, vm.settings, r, repairs);
    }

    private VmRecord find(String uuid) throws VmCommandException {
        VmRecord vm = supervisor.vms.get(uuid);
        if (vm == null) {
            throw new VmCommandException(VmCommandException.Kind.NOT_FOUND, "no VM with UUID " + uuid + " (it was undefined)");
        }
        return vm;
    }

    private VmRecord findEnabled(String uuid) throws VmCommandException {
        VmRecord vm = find(uuid);
        if (!vm.enabled()) {
            throw new VmCommandException(VmCommandException.Kind.NOT_ENABLED, "VM '" + vm.name
                    + "' does not have Looking Glass; enable it first (lg-admin enable " + vm.name + ")");
        }
        return vm;
    }

    private Domains connection() throws VmCommandException {
        Domains domains = supervisor.domains;
        if (domains == null) {
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT,
                    "not connected to libvirtd (reconnecting); check that libvirtd runs and try again");
        }
        return domains;
    }
}
