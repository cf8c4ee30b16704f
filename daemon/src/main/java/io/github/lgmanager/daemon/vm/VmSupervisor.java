// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.daemon.libvirt.LibvirtSession;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what the daemon knows about VMs and the one thread that reads and changes it: libvirt events, reconciles
 * and D-Bus commands all run there, in arrival order, so no state is shared between threads. The work itself is
 * done by its parts: {@link VmRegistry} (the records, who uses which file), {@link VmLifecycle} (events,
 * reconcile, after a stop), {@link DefinitionService} (commands that change definitions), and the grants,
 * {@link DisplayPreparer} and {@link SharedMemoryLifecycle}, over {@link DisplayAccess}.
 */
public final class VmSupervisor implements LibvirtSession.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmSupervisor.class);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vm-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch firstReconcile = new CountDownLatch(1);
    /** The first connection attempt ended: reconciled, or libvirt unreachable. */
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final VmUpdates updates;
    private final VmLifecycle lifecycle;
    private final SupervisorCommands commands;
    /** The current connection; null while libvirtd is away. Only the supervisor thread touches it. */
    private Domains domains;

    public VmSupervisor(DisplayAccess access) {
        VmRegistry registry = new VmRegistry();
        DisplayPreparer display = new DisplayPreparer(access, registry);
        SharedMemoryLifecycle files = new SharedMemoryLifecycle(access, registry);
        this.updates = new VmUpdates(display, files);
        DefinitionService definitions = new DefinitionService(registry, updates, display, access, this::connection);
        this.lifecycle = new VmLifecycle(registry, updates, files, definitions);
        this.commands = new SupervisorCommands(this, registry, definitions, updates, access);
    }

    /** What callers may ask of the VMs; every command runs on the supervisor thread. */
    public VmCommands commands() {
        return commands;
    }

    /** Where news goes; set once, before the libvirt session starts (the publisher needs our commands first). */
    public void publishTo(VmPublisher target) {
        updates.publishTo(target);
    }

    /**
     * Waits until the first connection was reconciled, so the bus name is claimed with a full picture, or until an
     * attempt failed: then clients are better served at once (LibvirtConnected false) than after a wait longer than
     * D-Bus activation's. True when reconciled.
     */
    public boolean awaitFirstReconcile(long timeout, TimeUnit unit) throws InterruptedException {
        return firstAttempt.await(timeout, unit) && firstReconcile.getCount() == 0;
    }

    // ---- libvirt side -------------------------------------------------------------------------------------

    @Override
    public void connected(Domains connection) {
        thread.execute(() -> {
            domains = connection;
            lifecycle.reconcile(connection);
            updates.publisher().libvirtConnected(true);
            firstReconcile.countDown();
            firstAttempt.countDown();
        });
    }

    @Override
    public void unreachable(String reason) {
        firstAttempt.countDown();
    }

    @Override
    public void disconnected(String reason) {
        thread.execute(() -> {
            domains = null;
            updates.publisher().libvirtConnected(false);
        });
    }

    @Override
    public void event(VmEvent event) {
        try {
            thread.execute(() -> lifecycle.handle(domains, event));
        } catch (RejectedExecutionException e) {
            // closing: the event no longer matters, and libvirt's event thread must not see an exception
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
            LOG.error("command failed unexpectedly: {}", e.getCause().toString(), e.getCause());
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT, "internal error: " + e.getCause());
        }
    }

    /** The connection for a command, on the supervisor thread; refused with the way out while libvirtd is away. */
    Domains connection() throws VmCommandException {
        if (domains == null) {
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT,
                    "not connected to libvirtd (reconnecting); check that libvirtd runs and try again");
        }
        return domains;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
