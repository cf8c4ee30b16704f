// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import static io.github.lgmanager.core.vm.RequestValues.clientOptions;
import static io.github.lgmanager.core.vm.RequestValues.extras;
import static io.github.lgmanager.core.vm.RequestValues.resolution;
import static io.github.lgmanager.core.vm.RequestValues.settings;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.DefinitionEdits;
import io.github.lgmanager.core.vm.DefinitionEdits.XmlEdit;
import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.FileSharing;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.core.vm.Preview;
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
    private List<Known> snapshot;

    private DirectBackend(String uri, Connect connection) {
        this.uri = uri;
        this.connection = connection;
        this.domains = new LibvirtDomains(connection);
    }

    public static DirectBackend connect(String uri) throws AdminException {
        try {
            return new DirectBackend(uri, new Connect(uri));
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
        LookingGlassSettings next = call(() -> rule.forEnable(vm.name(), k.settings(), request, notes));
        notes.addAll(redefine(k, xml -> DomainXmlEditor.enable(xml, next, extras(request))));
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
        LookingGlassSettings next = call(() -> rule.forEnable(vm.name(), k.settings(), request, repairs));
        Preview preview = call(() -> DefinitionEdits.preview(domains, vm.uuid(), vm.name(), vm.running(),
                xml -> DomainXmlEditor.enable(xml, next, extras(request))));
        preview.notes().addAll(0, repairs);
        return preview;
    }

    @Override
    public List<String> resize(VmView vm, int width, int height, boolean hdr) throws AdminException {
        Known k = enabled(vm);
        LookingGlassSettings next = call(() -> settings(() -> k.settings().get().withResolution(resolution(width, height)).withHdr(hdr)));
        List<String> notes = redefine(k, xml -> DomainXmlEditor.enable(xml, next));
        if (vm.running()) {
            notes.add("the running VM keeps its current size until it is restarted");
        }
        return notes;
    }

    @Override
    public List<String> disable(VmView vm) throws AdminException {
        return redefine(enabled(vm), DomainXmlEditor::disable);
    }

    @Override
    public Preview previewDisable(VmView vm) throws AdminException {
        enabled(vm);
        return call(() -> DefinitionEdits.preview(domains, vm.uuid(), vm.name(), vm.running(), DomainXmlEditor::disable));
    }

    @Override
    public void setUsers(VmView vm, List<String> users) throws AdminException {
        Known k = enabled(vm);
        LookingGlassSettings next = call(() -> settings(() -> k.settings().get()
                .withUsers(SettingsRule.knownUsers(users, DirectBackend::userExists))));
        redefine(k, xml -> DomainXmlEditor.enable(xml, next));
    }

    @Override
    public void setAutoOpen(VmView vm, boolean autoOpen) throws AdminException {
        Known k = enabled(vm);
        LookingGlassSettings next = call(() -> settings(() -> k.settings().get().withAutoOpen(autoOpen)));
        redefine(k, xml -> DomainXmlEditor.enable(xml, next));
    }

    @Override
    public void setClientOptions(VmView vm, List<String> options) throws AdminException {
        Known k = enabled(vm);
        List<ClientOption> parsed = call(() -> settings(() -> clientOptions(options)));
        LookingGlassSettings next = call(() -> settings(() -> k.settings().get().withClientOptions(parsed)));
        redefine(k, xml -> DomainXmlEditor.enable(xml, next));
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

    private List<String> redefine(Known vm, XmlEdit edit) throws AdminException {
        DefinitionEdits.Outcome outcome = call(() -> DefinitionEdits.redefine(domains, vm.summary().uuid(), edit));
        snapshot = null;
        List<String> notes = new ArrayList<>(outcome.notes());
        if (outcome.changed() && vm.summary().running()) {
            notes.add("VM '" + vm.summary().name() + "' is running: the change applies at its next boot");
        }
        return notes;
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
