// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-memory file's life around a VM, on the supervisor thread: made ready while the VM is stopped
 * (so QEMU opens a file only the listed users can open), new after every stop (so nothing opened during one
 * run reaches the next), removed when no VM of ours uses it any more, and never shared by two VMs.
 */
final class SharedMemoryLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SharedMemoryLifecycle.class);
    private final DisplayAccess access;
    private final VmRegistry registry;

    SharedMemoryLifecycle(DisplayAccess access, VmRegistry registry) {
        this.access = access;
        this.registry = registry;
    }

    /**
     * For a stopped Looking Glass VM: keeps its file exactly right ({@code fresh}: makes a new one). A file
     * another VM uses is left alone and reported instead. Returns the problem, if any, for LastError.
     */
    Optional<String> prepareStopped(VmRecord vm, boolean fresh) {
        if (vm.running) {
            return Optional.empty();
        }
        try {
            // SPICE stays on our socket after Disable: its folder must exist or QEMU cannot start
            if (vm.spiceSocket.isPresent()) {
                access.prepareSpice(vm.spiceSocket.get(), vm.staticDacLabel, vm.users());
            }
            if (!vm.enabled() || vm.device.isEmpty()) {
                return Optional.empty();
            }
            SharedMemoryDevice device = vm.device.get();
            Optional<String> shared = registry.sharedWith(vm, device.path());
            if (shared.isPresent()) {
                LOG.warn("{}: {}", vm.name, shared.get());
                return shared;
            }
            String done = access.prepareStopped(device, vm.staticDacLabel, vm.users(), fresh);
            // a file found exactly right is the usual case at every reconcile: not news
            if (done.endsWith(" kept")) {
                LOG.debug("{}: {}", vm.name, done);
            } else {
                LOG.info("{}: {}", vm.name, done);
            }
            return Optional.empty();
        } catch (DisplayAccess.AccessRefusedException e) {
            LOG.warn("{}: {}", vm.name, e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    /** A VM that is gone: its file and its SPICE folder go too (unless another VM uses that file). */
    void forget(VmRecord vm) {
        if (vm.enabled() && vm.device.isPresent()) {
            release(vm, vm.device.get());
        }
        if (vm.spiceSocket.isPresent()) {
            try {
                access.removeSpice(vm.spiceSocket.get());
            } catch (DisplayAccess.AccessRefusedException e) {
                LOG.warn("{}: could not remove its SPICE folder: {}", vm.name, e.getMessage());
            }
        }
    }

    /** Removes a file this VM no longer uses, unless another VM of ours uses that path. */
    void release(VmRecord vm, SharedMemoryDevice device) {
        if (registry.usedByAnother(vm, device.path())) {
            return;
        }
        try {
            access.removeStopped(device);
            LOG.info("{}: released {}", vm.name, device.path());
        } catch (DisplayAccess.AccessRefusedException e) {
            LOG.warn("{}: could not release {}: {}", vm.name, device.path(), e.getMessage());
        }
    }
}
