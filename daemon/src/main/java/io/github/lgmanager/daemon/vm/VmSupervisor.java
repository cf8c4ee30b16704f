package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.libvirt.LibvirtDomains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.daemon.libvirt.LibvirtSession;
import io.github.lgmanager.trace.Trace;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Owns what the daemon knows about VMs. Everything that reads or changes it (libvirt events, reconciles,
 * D-Bus commands) runs on one thread, in arrival order, so no state is shared between threads.
 */
public final class VmSupervisor implements LibvirtSession.Listener, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vm-supervisor");
        t.setDaemon(true);
        return t;
    });
    private VmPublisher publisher;
    private final DisplayPreparer display;
    private final SharedMemoryLifecycle files;
    private final SupervisorCommands commands;
    private final Consumer<String> log;
    private final CountDownLatch firstReconcile = new CountDownLatch(1);
    final Map<String, VmRecord> vms = new LinkedHashMap<>();
    LibvirtDomains domains;

    public VmSupervisor(DisplayAccess access, Consumer<String> log) {
        this.display = new DisplayPreparer(access);
        this.files = new SharedMemoryLifecycle(access, vms.values(), log);
        this.commands = new SupervisorCommands(this, access);
        this.log = log;
    }

    /** What callers may ask of the VMs; every command runs on the supervisor thread. */
    public VmCommands commands() {
        return commands;
    }

    /** Where news goes; set once, before the libvirt session starts (the publisher needs our commands first). */
    public void publishTo(VmPublisher target) {
        this.publisher = target;
    }

    /** Waits until the first connection was reconciled, so the bus name is claimed with a full picture. */
    public boolean awaitFirstReconcile(long timeout, TimeUnit unit) throws InterruptedException {
        return firstReconcile.await(timeout, unit);
    }

    // ---- libvirt side -------------------------------------------------------------------------------------

    @Override
    public void connected(LibvirtDomains connection) {
        thread.execute(() -> {
            domains = connection;
            reconcile();
            publisher.libvirtConnected(true);
            firstReconcile.countDown();
        });
    }

    @Override
    public void disconnected(String reason) {
        thread.execute(() -> {
            domains = null;
            publisher.libvirtConnected(false);
        });
    }

    @Override
    public void event(VmEvent event) {
        try {
            thread.execute(() -> handle(event));
        } catch (RejectedExecutionException e) {
            // closing: the event no longer matters, and libvirt's event thread must not see an exception
        }
    }

    /** Events may have been missed while disconnected: rebuild everything from what libvirt says now. */
    private void reconcile() {
        Set<String> seen = new HashSet<>();
        try {
            for (DomainSummary summary : domains.list()) {
                seen.add(summary.uuid());
                try {
                    reconcileOne(summary);
                } catch (RuntimeException | StackOverflowError e) {
                    // one VM's odd definition must not cost every other VM its display
                    log.accept(summary.name() + ": skipped, could not be read: " + e);
                }
            }
        } catch (LibvirtFailure e) {
            log.accept("reconcile failed: " + e.getMessage());
        }
        vms.values().removeIf(vm -> {
            if (seen.contains(vm.uuid)) {
                return false;
            }
            publisher.vmRemoved(vm.view());
            return true;
        });
        log.accept("reconciled " + vms.size() + " VM(s), " + vms.values().stream().filter(VmRecord::enabled).count()
                + " with Looking Glass");
    }

    private void reconcileOne(DomainSummary summary) {
        VmRecord vm = vms.get(summary.uuid());
        boolean isNew = vm == null;
        if (isNew) {
            vm = new VmRecord(summary.uuid(), summary.name());
            vms.put(vm.uuid, vm);
        }
        vm.name = summary.name();
        vm.running = summary.running();
        refreshDefinition(vm);
        if (vm.running && vm.enabled()) {
            prepareDisplay(vm, isNew);
        } else {
            clearLive(vm);
            vm.fileError = files.prepareStopped(vm, false).orElse("");
            publish(vm, isNew);
        }
    }

    private void handle(VmEvent event) {
        try {
            handleEvent(event);
        } catch (RuntimeException | StackOverflowError e) {
            log.accept(event.name() + ": " + event.kind() + " not handled: " + e);
        }
    }

    private void handleEvent(VmEvent event) {
        Trace.mark("daemon.supervisor", event.kind(), event.uuid());
        if (domains == null) {
            return; // the reconcile after reconnecting will see this change
        }
        VmRecord vm = vms.get(event.uuid());
        boolean isNew = vm == null;
        if (event.kind() == VmEvent.Kind.UNDEFINED) {
            if (vm != null) {
                refreshRunning(vm);
                if (!vm.running) {
                    vms.remove(vm.uuid);
                    files.forget(vm);
                    publisher.vmRemoved(vm.view());
                    log.accept(vm.name + ": undefined");
                }
            }
            return;
        }
        if (isNew) {
            vm = new VmRecord(event.uuid(), event.name());
            vms.put(vm.uuid, vm);
        }
        vm.name = event.name();
        switch (event.kind()) {
            case DEFINED -> {
                definitionChanged(vm);
                commands.checkDrift(vm);
                publish(vm, isNew);
            }
            case STARTED -> {
                vm.running = true;
                if (isNew) {
                    // Known VMs were read at their DEFINED event or the reconcile, in order on this thread:
                    // reading again would put a libvirt call on the start → DisplayReady path for nothing.
                    refreshDefinition(vm);
                }
                if (vm.enabled()) {
                    prepareDisplay(vm, isNew);
                } else {
                    publish(vm, isNew);
                }
            }
            case STOPPED -> {
                vm.running = false;
                boolean hadDisplay = vm.enabled();
                afterStop(vm);
                if (isNew) {
                    publisher.vmAdded(vm.view());
                }
                if (hadDisplay) {
                    publisher.displayClosed(vm.view());
                    log.accept(vm.name + ": stopped, display closed");
                } else {
                    publisher.vmChanged(vm.view());
                }
            }
            case PAUSED_OR_RESUMED -> {
                if (isNew) {
                    refreshDefinition(vm);
                    refreshRunning(vm);
                    publish(vm, true);
                }
            }
            default -> {
                refreshRunning(vm);
                publish(vm, isNew);
            }
        }
    }

    /**
     * A VM that stopped gets a new file for its next start (nothing opened during this run reaches the next);
     * a file it used but will not use again (disabled, or renamed while it ran) goes.
     */
    private void afterStop(VmRecord vm) {
        Optional<SharedMemoryDevice> used = vm.liveDevice;
        clearLive(vm);
        Optional<String> next = vm.enabled() ? vm.device.map(SharedMemoryDevice::path) : Optional.empty();
        if (used.isPresent() && !next.equals(Optional.of(used.get().path()))) {
            files.release(vm, used.get());
        }
        vm.fileError = files.prepareStopped(vm, true).orElse("");
    }

    /**
     * After any change of a VM's definition (ours or the user's): re-reads it; while the VM is stopped, a file it
     * no longer uses goes and the one it will use is made ready for its next start.
     */
    void definitionChanged(VmRecord vm) {
        Optional<SharedMemoryDevice> before = vm.enabled() ? vm.device : Optional.empty();
        refreshDefinition(vm);
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
    void prepareDisplay(VmRecord vm, boolean isNew) {
        vm.fileError = ""; // what counts now is the file QEMU has open
        Optional<String> failure = display.prepare(domains, vm, path -> files.sharedWith(vm, path));
        vm.displayError = failure.orElse("");
        if (isNew) {
            publisher.vmAdded(vm.view());
        }
        if (failure.isEmpty()) {
            log.accept(vm.name + ": display ready, " + vm.view().shmPath() + " granted to " + String.join(", ", vm.users()));
            publisher.displayReady(vm.view());
        } else {
            log.accept(vm.name + ": display failed: " + failure.get());
            publisher.displayFailed(vm.view(), failure.get());
        }
    }

    void refreshDefinition(VmRecord vm) {
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
            log.accept(vm.name + ": " + vm.definitionError);
        }
    }

    private void refreshRunning(VmRecord vm) {
        try {
            vm.running = domains.isRunning(vm.uuid);
        } catch (LibvirtFailure e) {
            vm.running = false; // gone
        }
    }

    /** Another Looking Glass VM's use of this path, for commands that choose a shm name or device. */
    Optional<String> sharedWith(VmRecord vm, String path) {
        return files.sharedWith(vm, path);
    }

    private static void clearLive(VmRecord vm) {
        vm.liveDevice = Optional.empty();
        vm.spice = Optional.empty();
        vm.aclApplied = false;
        vm.displayError = "";
    }

    private void publish(VmRecord vm, boolean isNew) {
        if (isNew) {
            publisher.vmAdded(vm.view());
        } else {
            publisher.vmChanged(vm.view());
        }
    }

    // ---- for commands ---------------------------------------------------------------------------------------

    /** Runs a command on the supervisor thread and waits for it. */
    <T> T onSupervisor(Callable<T> work) throws VmCommandException {
        try {
            return thread.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VmCommandException failure) {
                throw failure;
            }
            log.accept("command failed unexpectedly: " + e.getCause());
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT, "internal error: " + e.getCause());
        }
    }

    void published(VmRecord vm) {
        publisher.vmChanged(vm.view());
    }

    void logLine(String line) {
        log.accept(line);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
