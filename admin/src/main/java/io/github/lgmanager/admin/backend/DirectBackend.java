// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import static io.github.lgmanager.core.vm.RequestValues.extras;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.DefinitionEdits;
import io.github.lgmanager.core.vm.DefinitionEdits.XmlEdit;
import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.FileSharing;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.SettingsRule;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.vm.VmViews;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.libvirt.LibvirtDomains;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * --connect URI: lg-admin edits definitions through libvirt itself, with the same core rule and edits as
 * lg-daemon, but none of the daemon's work: no supervisor, no files, no ACLs. Reads only read. The shared memory
 * is made ready by lg-daemon (or the qemu hook at the VM's start); libvirt's own access rules apply.
 */
public final class DirectBackend implements VmBackend {
    private final String uri;
    private final Connect connection;
    private final Domains domains;
    private final String invokingUser;
    private List<Known> snapshot;

    private DirectBackend(String uri, Connect connection, String invokingUser) {
        this.uri = uri;
        this.invokingUser = invokingUser;
        this.connection = connection;
        this.domains = new LibvirtDomains(connection);
    }

    /** {@code invokingUser}: whose auto-open choice a change makes when it names nobody (SUDO_USER under sudo). */
    public static DirectBackend connect(String uri, String invokingUser) throws AdminException {
        try {
            return new DirectBackend(uri, new Connect(uri), invokingUser);
        } catch (LibvirtException e) {
            throw new AdminException(new LibvirtFailure("cannot connect to libvirt at " + uri, e).getMessage()
                    + "; check the URI and that libvirtd runs (virsh -c " + uri + " list)");
        }
    }

    @Override
    public List<VmView> list() throws AdminException {
        List<VmView> views = new ArrayList<>();
        for (Known vm : known()) {
            views.add(vm.view());
        }
        return views;
    }

    /** A VM as its persistent definition says (and, when it runs, where its QEMU has the device). */
    private record Known(DomainSummary summary, Optional<DomainXmlReader.Definition> definition,
            Optional<SharedMemoryDevice> liveDevice, String problem) {
        Optional<LookingGlassSettings> settings() {
            return definition.flatMap(DomainXmlReader.Definition::settings);
        }

        boolean enabled() {
            return settings().map(LookingGlassSettings::enabled).orElse(false);
        }

        Optional<String> pathInUse() {
            return liveDevice.or(() -> definition.flatMap(DomainXmlReader.Definition::device)).map(SharedMemoryDevice::path);
        }

        VmView view() {
            return VmViews.of(summary.uuid(), summary.name(), summary.running(), settings(),
                    definition.flatMap(DomainXmlReader.Definition::device), liveDevice, Optional.empty(), false, problem);
        }
    }

    /**
     * Every VM as libvirt has it now, read once per command (finding the VM, the settings rule and the edit all ask):
     * each read is a definition and, for a running VM, its live XML. A define makes it stale.
     */
    private List<Known> known() throws AdminException {
        if (snapshot == null) {
            List<Known> all = new ArrayList<>();
            for (DomainSummary summary : call(() -> DefinitionEdits.libvirt(domains::list))) {
                all.add(read(summary));
            }
            snapshot = all;
        }
        return snapshot;
    }

    private Known read(DomainSummary summary) {
        try {
            DomainXmlReader.Definition definition = DomainXmlReader.definition(domains.persistentXml(summary.uuid()));
            Optional<SharedMemoryDevice> live = summary.running() && definition.settings().isPresent()
                    ? DomainXmlReader.running(domains.liveXml(summary.uuid()), definition.settings()).device()
                    : Optional.empty();
            return new Known(summary, Optional.of(definition), live, "");
        } catch (LibvirtFailure | DomainXmlException e) {
            return new Known(summary, Optional.empty(), Optional.empty(), "cannot read the VM's definition: " + e.getMessage());
        }
    }

    private Known knownFor(VmView vm) throws AdminException {
        return known().stream().filter(k -> k.summary().uuid().equals(vm.uuid())).findFirst()
                .orElseThrow(() -> new AdminException("VM '" + vm.name() + "' is no longer defined"));
    }

    private SettingsRule rule(Known vm) throws AdminException {
        List<Known> others = known().stream().filter(k -> !k.summary().uuid().equals(vm.summary().uuid()) && k.enabled()).toList();
        return new SettingsRule(DirectBackend::userExists, path -> FileSharing.problem(vm.summary().name(), path,
                others.stream().filter(o -> o.pathInUse().map(path::equals).orElse(false)).map(o -> o.summary().name()).toList()));
    }

    /** NSS, as getpwnam sees users (LDAP and systemd-homed users too), through the JDK. */
    private static boolean userExists(String user) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> enable(VmView vm, EnableRequest request) throws AdminException {
        Known k = knownFor(vm);
        List<String> notes = new ArrayList<>();
        SettingsRule rule = rule(k);
        LookingGlassSettings next = call(() -> rule.forEnable(vm.name(), k.settings(), request, caller(), notes));
        DefinitionEdits.Outcome outcome = redefine(k, xml -> DomainXmlEditor.enable(xml, next, extras(request)));
        if (!outcome.changed() && k.enabled()) {
            notes.add("Looking Glass is already on for VM '" + vm.name() + "' with these settings; nothing changed");
        } else {
            notes.addAll(outcome.notes());
        }
        if (request.live() && vm.running()) {
            notes.add("--live needs lg-daemon (it grants the users access to the new device); without it the"
                    + " change applies at the next boot");
        }
        return notes;
    }

    @Override
    public Preview previewEnable(VmView vm, EnableRequest request) throws AdminException {
        Known k = knownFor(vm);
        List<String> repairs = new ArrayList<>();
        SettingsRule rule = rule(k);
        LookingGlassSettings next = call(() -> rule.forEnable(vm.name(), k.settings(), request, caller(), repairs));
        Preview preview = call(() -> DefinitionEdits.preview(domains, vm.uuid(), vm.name(), vm.running(),
                xml -> DomainXmlEditor.enable(xml, next, extras(request))));
        preview.notes().addAll(0, repairs);
        return preview;
    }

    @Override
    public List<String> configure(VmView vm, SettingsChange change) throws AdminException {
        Known k = enabled(vm);
        List<String> notes = new ArrayList<>();
        LookingGlassSettings before = k.settings().get();
        SettingsRule rule = rule(k);
        LookingGlassSettings next = call(() -> rule.forChange(vm.name(), before, change, caller(), notes));
        DefinitionEdits.Outcome outcome = redefine(k, xml -> DomainXmlEditor.enable(xml, next));
        if (!outcome.changed()) {
            notes.add("VM '" + vm.name() + "' already has these settings; nothing changed");
            return notes;
        }
        notes.addAll(outcome.notes());
        if (vm.running() && next.sizeBytes() != before.sizeBytes()) {
            notes.add("the running VM keeps its current size until it is restarted");
        }
        return notes;
    }

    @Override
    public List<String> disable(VmView vm, boolean forget) throws AdminException {
        Known k = forget ? knownFor(vm) : enabled(vm);
        DefinitionEdits.Outcome outcome = redefine(k, forget ? DomainXmlEditor::disableAndForget : DomainXmlEditor::disable);
        if (!outcome.changed()) {
            return List.of("VM '" + vm.name() + "' has neither our device nor our settings; nothing changed");
        }
        List<String> notes = new ArrayList<>(outcome.notes());
        notes.add(forget ? "Looking Glass is off for VM '" + vm.name() + "' and its settings are forgotten: the"
                + " definition is as before the first enable"
                : "Looking Glass is off for VM '" + vm.name() + "'; its settings (resolution, users, client options,"
                + " file) are kept in the VM's metadata for the next enable (lg-admin disable --forget removes them)");
        return notes;
    }

    @Override
    public Preview previewDisable(VmView vm, boolean forget) throws AdminException {
        if (!forget) {
            enabled(vm);
        }
        return call(() -> DefinitionEdits.preview(domains, vm.uuid(), vm.name(), vm.running(),
                forget ? DomainXmlEditor::disableAndForget : DomainXmlEditor::disable));
    }

    /** Without lg-daemon there is no caller uid: the caller is the invoking user (the sudo user under sudo). */
    private SettingsRule.Caller caller() {
        return new SettingsRule.Caller() {
            @Override
            public boolean is(String user) {
                return user.equals(invokingUser);
            }

            @Override
            public String describe() {
                return invokingUser;
            }
        };
    }

    @Override
    public String xml(VmView vm) throws AdminException {
        return call(() -> DefinitionEdits.libvirt(() -> domains.persistentXmlWithoutSecrets(vm.uuid())));
    }

    private Known enabled(VmView vm) throws AdminException {
        Known k = knownFor(vm);
        if (!k.enabled()) {
            throw new AdminException("VM '" + vm.name() + "' does not have Looking Glass; enable it first (lg-admin enable "
                    + vm.name() + ")");
        }
        return k;
    }

    private DefinitionEdits.Outcome redefine(Known vm, XmlEdit edit) throws AdminException {
        DefinitionEdits.Outcome outcome = call(() -> DefinitionEdits.redefine(domains, vm.summary().uuid(), edit));
        if (!outcome.changed()) {
            return outcome;
        }
        snapshot = null;
        List<String> notes = new ArrayList<>(outcome.notes());
        if (vm.summary().running()) {
            notes.add("VM '" + vm.summary().name() + "' is running: the change applies at its next boot");
        }
        return new DefinitionEdits.Outcome(notes, true);
    }

    @Override
    public String libvirtProblem() {
        return "";
    }

    @Override
    public String description() {
        return "libvirt at " + uri + " (--connect, no daemon)";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (LibvirtException e) {
            // closing a one-shot command's connection: nothing left to do with a failure
        }
    }

    private interface Command<T> {
        T run() throws VmCommandException;
    }

    private static <T> T call(Command<T> command) throws AdminException {
        try {
            return command.run();
        } catch (VmCommandException e) {
            throw new AdminException(e.getMessage());
        }
    }
}
