// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does when libvirt tells it something: a lifecycle event, or a (re)connection after which
 * events may have been missed. Runs on the supervisor thread; one VM that cannot be handled never stops the
 * others. The table in docs/daemon.md ("What happens when") is this class in words.
 */
final class VmLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(VmLifecycle.class);
    private final VmRegistry registry;
    private final VmUpdates updates;
    private final SharedMemoryLifecycle files;
    private final DefinitionService definitions;

    VmLifecycle(VmRegistry registry, VmUpdates updates, SharedMemoryLifecycle files, DefinitionService definitions) {
        this.registry = registry;
        this.updates = updates;
        this.files = files;
        this.definitions = definitions;
    }

    /**
     * Events may have been missed while disconnected: rebuild everything from what libvirt says now. Every VM is
     * read before any is acted on, so the check that no two VMs share a file sees all of them, whichever is listed
     * first; VMs libvirt no longer lists are dropped before it too, and announced as removed at the end.
     */
    void reconcile(Domains domains) {
        Set<String> seen = new HashSet<>();
        List<VmRegistry.Lookup> read = new ArrayList<>();
        try {
            for (DomainSummary summary : domains.list()) {
                seen.add(summary.uuid());
                oneVm(summary.name(), () -> read.add(readOne(domains, summary)));
            }
        } catch (LibvirtFailure e) {
            // no list says nothing about which VMs exist: removing them all would close every viewer for nothing
            LOG.warn("reconcile failed, keeping the {} known VM(s) until libvirt answers: {}", registry.all().size(),
                    e.getMessage());
            return;
        }
        List<VmRecord> gone = registry.retainOnly(seen);
        for (VmRegistry.Lookup found : read) {
            oneVm(found.vm().name, () -> actOn(domains, found));
        }
        for (VmRecord vm : gone) {
            updates.publisher().vmRemoved(vm.view());
        }
        LOG.info("reconciled {} VM(s), {} with Looking Glass", registry.all().size(), registry.enabledCount());
    }

    private static void oneVm(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | StackOverflowError e) {
            // one VM's odd definition must not cost every other VM its display
            LOG.warn("{}: skipped, could not be read: {}", name, e.toString());
        }
    }

    private VmRegistry.Lookup readOne(Domains domains, DomainSummary summary) {
        VmRegistry.Lookup found = registry.lookup(summary.uuid(), summary.name());
        VmRecord vm = found.vm();
        vm.running = summary.running();
        updates.refreshDefinition(domains, vm);
        if (!vm.running) {
            VmUpdates.clearLive(vm); // a file it used while running is not its file any more
        }
        return found;
    }

    private void actOn(Domains domains, VmRegistry.Lookup found) {
        VmRecord vm = found.vm();
        if (vm.running && vm.enabled()) {
            updates.prepareDisplay(domains, vm, found.isNew());
        } else {
            VmUpdates.clearLive(vm);
            vm.fileError = files.prepareStopped(vm, false).orElse("");
            updates.publish(vm, found.isNew());
        }
    }

    /** @param domains the current connection; null while libvirtd is away */
    void handle(Domains domains, VmEvent event) {
        try {
            handleEvent(domains, event);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("{}: {} not handled: {}", event.name(), event.kind(), e.toString());
        }
    }

    private void handleEvent(Domains domains, VmEvent event) {
        Trace.mark("daemon.supervisor", event.kind(), event.uuid());
        LOG.debug("{}: {}", event.name(), event.kind());
        if (domains == null) {
            return; // the reconcile after reconnecting will see this change
        }
        if (event.kind() == VmEvent.Kind.UNDEFINED) {
            registry.get(event.uuid()).ifPresent(vm -> undefined(domains, vm));
            return;
        }
        VmRegistry.Lookup found = registry.lookup(event.uuid(), event.name());
        VmRecord vm = found.vm();
        boolean isNew = found.isNew();
        switch (event.kind()) {
            case DEFINED -> {
                updates.definitionChanged(domains, vm);
                definitions.checkDrift(domains, vm);
                updates.publish(vm, isNew);
            }
            case STARTED -> {
                vm.running = true;
                if (isNew) {
                    // Known VMs were read at their DEFINED event or the reconcile, in order on this thread:
                    // reading again would put a libvirt call on the start → DisplayReady path for nothing.
                    updates.refreshDefinition(domains, vm);
                }
                if (vm.enabled()) {
                    updates.prepareDisplay(domains, vm, isNew);
                } else {
                    updates.publish(vm, isNew);
                }
            }
            case STOPPED -> stopped(vm, isNew);
            case PAUSED_OR_RESUMED -> {
                if (isNew) {
                    updates.refreshDefinition(domains, vm);
                    updates.refreshRunning(domains, vm);
                    updates.publish(vm, true);
                }
            }
            default -> {
                updates.refreshRunning(domains, vm);
                updates.publish(vm, isNew);
            }
        }
    }

    /** libvirt sends UNDEFINED for a running transient VM too: only a VM that is gone for good is forgotten. */
    private void undefined(Domains domains, VmRecord vm) {
        updates.refreshRunning(domains, vm);
        if (!vm.running) {
            registry.remove(vm);
            files.forget(vm);
            updates.publisher().vmRemoved(vm.view());
            LOG.info("{}: undefined", vm.name);
        }
    }

    private void stopped(VmRecord vm, boolean isNew) {
        vm.running = false;
        boolean hadDisplay = vm.enabled();
        afterStop(vm);
        if (isNew) {
            updates.publisher().vmAdded(vm.view());
        }
        if (hadDisplay) {
            updates.publisher().displayClosed(vm.view());
            LOG.info("{}: stopped, display closed", vm.name);
        } else {
            updates.publisher().vmChanged(vm.view());
        }
    }

    /**
     * A VM that stopped gets a new file for its next start (nothing opened during this run reaches the next);
     * a file it used but will not use again (disabled, or renamed while it ran) goes.
     */
    private void afterStop(VmRecord vm) {
        Optional<SharedMemoryDevice> used = vm.liveDevice;
        VmUpdates.clearLive(vm);
        Optional<String> next = vm.enabled() ? vm.device.map(SharedMemoryDevice::path) : Optional.empty();
        if (used.isPresent() && !next.equals(Optional.of(used.get().path()))) {
            files.release(vm, used.get());
        }
        vm.fileError = files.prepareStopped(vm, true).orElse("");
    }
}
