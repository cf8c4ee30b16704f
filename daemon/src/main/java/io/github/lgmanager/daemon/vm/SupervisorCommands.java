// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.core.vm.DefinitionEdits.libvirt;
import static io.github.lgmanager.core.vm.RequestValues.formula;
import static io.github.lgmanager.core.vm.RequestValues.resolution;
import static io.github.lgmanager.core.vm.RequestValues.settings;

import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM operations behind the D-Bus methods: each hops onto the supervisor thread and waits. Definition changes
 * are the {@link DefinitionService}'s; starting, stopping and opening a VM are short enough to live here.
 */
final class SupervisorCommands implements VmCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorCommands.class);
    private final VmSupervisor supervisor;
    private final VmRegistry registry;
    private final DefinitionService definitions;
    private final VmUpdates updates;
    private final DisplayAccess access;

    SupervisorCommands(VmSupervisor supervisor, VmRegistry registry, DefinitionService definitions, VmUpdates updates,
            DisplayAccess access) {
        this.supervisor = supervisor;
        this.registry = registry;
        this.definitions = definitions;
        this.updates = updates;
        this.access = access;
    }

    @Override
    public List<String> enable(String uuid, EnableRequest r, int callerUid) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.enable(uuid, r, callerUid));
    }

    @Override
    public Preview previewEnable(String uuid, EnableRequest r, int callerUid) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.previewEnable(uuid, r, callerUid));
    }

    @Override
    public Preview previewDisable(String uuid, boolean forget) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.previewDisable(uuid, forget));
    }

    @Override
    public String xml(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.xml(uuid));
    }

    @Override
    public List<String> configure(String uuid, SettingsChange change, int callerUid) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.configure(uuid, change, callerUid));
    }

    @Override
    public List<String> disable(String uuid, boolean forget) throws VmCommandException {
        return supervisor.onSupervisor(() -> definitions.disable(uuid, forget));
    }

    @Override
    public void start(String uuid) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = registry.find(uuid);
            Domains domains = supervisor.connection();
            libvirt(() -> {
                domains.start(vm.uuid);
                return null;
            });
            LOG.info("{}: start requested", vm.name);
            return null;
        });
    }

    @Override
    public void shutdown(String uuid) throws VmCommandException {
        supervisor.onSupervisor(() -> {
            VmRecord vm = registry.find(uuid);
            if (!vm.running) {
                throw new VmCommandException(VmCommandException.Kind.NOT_RUNNING, "VM '" + vm.name + "' is not running");
            }
            Domains domains = supervisor.connection();
            libvirt(() -> {
                domains.shutdown(vm.uuid);
                return null;
            });
            LOG.info("{}: shutdown requested", vm.name);
            return null;
        });
    }

    @Override
    public VmView requestOpen(String uuid) throws VmCommandException {
        return supervisor.onSupervisor(() -> {
            VmRecord vm = registry.findEnabled(uuid);
            if (!vm.running) {
                throw new VmCommandException(VmCommandException.Kind.NOT_RUNNING,
                        "VM '" + vm.name + "' is not running; start it first");
            }
            updates.prepareDisplay(supervisor.connection(), vm, false);
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
                Optional<VmRecord> vm = registry.get(uuid);
                if (vm.isEmpty()) {
                    return false;
                }
                for (String user : vm.get().users()) {
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
}
