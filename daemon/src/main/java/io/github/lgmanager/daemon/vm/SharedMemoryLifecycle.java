package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.FileSharing;
import io.github.lgmanager.core.settings.ShmNames;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared-memory file's life around a VM, on the supervisor thread: made ready while the VM is stopped
 * (so QEMU opens a file only the listed users can open), new after every stop (so nothing opened during one
 * run reaches the next), removed when no VM of ours uses it any more, and never shared by two VMs.
 */
final class SharedMemoryLifecycle {
    private final DisplayAccess access;
    private final Collection<VmRecord> vms;
    private final Consumer<String> log;

    SharedMemoryLifecycle(DisplayAccess access, Collection<VmRecord> vms, Consumer<String> log) {
        this.access = access;
        this.vms = vms;
        this.log = log;
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
            Optional<String> shared = sharedWith(vm, device.path());
            if (shared.isPresent()) {
                log.accept(vm.name + ": " + shared.get());
                return shared;
            }
            String done = access.prepareStopped(device, vm.staticDacLabel, vm.users(), fresh);
            if (!done.endsWith(" kept")) {
                log.accept(vm.name + ": " + done);
            }
            return Optional.empty();
        } catch (DisplayAccess.AccessRefusedException e) {
            log.accept(vm.name + ": " + e.getMessage());
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
                log.accept(vm.name + ": could not remove its SPICE folder: " + e.getMessage());
            }
        }
    }

    /** Removes a file this VM no longer uses, unless another VM of ours uses that path. */
    void release(VmRecord vm, SharedMemoryDevice device) {
        boolean usedElsewhere = vms.stream().anyMatch(other -> other != vm && other.enabled()
                && other.shmPathInUse().map(device.path()::equals).orElse(false));
        if (usedElsewhere) {
            return;
        }
        try {
            access.removeStopped(device);
            log.accept(vm.name + ": released " + device.path());
        } catch (DisplayAccess.AccessRefusedException e) {
            log.accept(vm.name + ": could not release " + device.path() + ": " + e.getMessage());
        }
    }

    /**
     * Why this VM may not use {@code path}: another Looking Glass VM uses it too, and whoever is listed on either
     * would see the other's screen. The message names the VMs and the one command that separates them.
     */
    Optional<String> sharedWith(VmRecord vm, String path) {
        List<String> others = vms.stream()
                .filter(other -> other != vm && other.enabled())
                .filter(other -> other.shmPathInUse().map(path::equals).orElse(false))
                .map(other -> other.name)
                .toList();
        return FileSharing.problem(vm.name, path, others);
    }
}
