// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one VM's record is brought up to date with libvirt and announced: the steps the lifecycle (events,
 * reconcile) and the definition service (commands) share, so both do them the same way and in the same order.
 */
final class VmUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(VmUpdates.class);
    private final DisplayPreparer display;
    private final SharedMemoryLifecycle files;
    private VmPublisher publisher;

    VmUpdates(DisplayPreparer display, SharedMemoryLifecycle files) {
        this.display = display;
        this.files = files;
    }

    /** Set once, before the first event: the bus service needs the supervisor's commands before it exists. */
    void publishTo(VmPublisher target) {
        this.publisher = target;
    }

    VmPublisher publisher() {
        return publisher;
    }

    /** Reads the persistent definition; an unreadable one is kept as the VM's LastError, not thrown. */
    void refreshDefinition(Domains domains, VmRecord vm) {
        try {
            String xml = domains.persistentXml(vm.uuid);
            DomainXmlReader.Definition definition = DomainXmlReader.definition(xml);
            vm.settings = definition.settings();
            vm.device = definition.device();
            vm.staticDacLabel = definition.staticDacLabel();
            vm.spiceSocket = definition.spiceSocket();
            vm.definitionError = "";
        } catch (LibvirtFailure | DomainXmlException e) {
            vm.definitionError = "cannot read the VM's definition: " + e.getMessage();
            LOG.warn("{}: {}", vm.name, vm.definitionError);
        }
    }

    void refreshRunning(Domains domains, VmRecord vm) {
        try {
            vm.running = domains.isRunning(vm.uuid);
        } catch (LibvirtFailure e) {
            vm.running = false; // gone
        }
    }

    /**
     * After any change of a VM's definition (ours or the user's): re-reads it; while the VM is stopped, a file it
     * no longer uses goes and the one it will use is made ready for its next start.
     */
    void definitionChanged(Domains domains, VmRecord vm) {
        Optional<SharedMemoryDevice> before = vm.enabled() ? vm.device : Optional.empty();
        refreshDefinition(domains, vm);
        if (vm.running) {
            return;
        }
        Optional<String> now = vm.enabled() ? vm.device.map(SharedMemoryDevice::path) : Optional.empty();
        if (before.isPresent() && !now.equals(Optional.of(before.get().path()))) {
            files.release(vm, before.get());
        }
        vm.fileError = files.prepareStopped(vm, false).orElse("");
    }

    /** Verifies and grants; announces DisplayReady only after the ACL is in place, else DisplayFailed. */
    void prepareDisplay(Domains domains, VmRecord vm, boolean isNew) {
        vm.fileError = ""; // what counts now is the file QEMU has open
        Optional<String> failure = display.prepare(domains, vm);
        vm.displayError = failure.orElse("");
        if (isNew) {
            publisher.vmAdded(vm.view());
        }
        if (failure.isEmpty()) {
            LOG.info("{}: display ready, {} granted to {}", vm.name, vm.view().shmPath(), String.join(", ", vm.users()));
            publisher.displayReady(vm.view());
        } else {
            LOG.warn("{}: display failed: {}", vm.name, failure.get());
            publisher.displayFailed(vm.view(), failure.get());
        }
    }

    /** Announces the VM as it is now: added on first sight, changed otherwise (the publisher sends only differences). */
    void publish(VmRecord vm, boolean isNew) {
        if (isNew) {
            publisher.vmAdded(vm.view());
        } else {
            publisher.vmChanged(vm.view());
        }
    }

    /** What only a running VM has; cleared when it is found stopped. */
    static void clearLive(VmRecord vm) {
        vm.liveDevice = Optional.empty();
        vm.spice = Optional.empty();
        vm.aclApplied = false;
        vm.displayError = "";
    }
}
