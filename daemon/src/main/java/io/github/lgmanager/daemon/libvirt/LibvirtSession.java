// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.libvirt;

import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.daemon.vm.VmEvent;
import io.github.lgmanager.libvirt.LibvirtDomains;
import io.github.lgmanager.libvirt.LibvirtEventLoop;
import io.github.lgmanager.trace.Trace;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the connection to libvirtd: runs libvirt's event loop, turns lifecycle events into {@link VmEvent}s, and
 * when libvirtd goes away reconnects with backoff (1 s doubling to 30 s). After every (re)connection the
 * listener's {@code connected} runs, because events may have been missed meanwhile: the caller reconciles.
 */
public final class LibvirtSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtSession.class);
    private static final long FIRST_BACKOFF_MS = 1000;
    private static final long MAX_BACKOFF_MS = 30_000;

    /**
     * What the session tells its owner. {@code connected} and {@code disconnected} come from the session's
     * connector thread; {@code event} comes straight from libvirt's event-loop thread, one event at a time, and
     * must only queue it (a blocking listener would stall every connection's events and keepalives).
     */
    public interface Listener {
        /** The connection, for the VM logic: libvirt only through core's {@link Domains}. */
        void connected(Domains domains);

        /** An attempt to connect failed (another follows after a back-off): there is no libvirt to wait for now. */
        void unreachable(String reason);

        void disconnected(String reason);

        void event(VmEvent event);
    }

    private final String uri;
    private final Listener listener;
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "libvirt-connect"));
    private final LifecycleListener lifecycle = this::onLifecycle;
    private volatile Connect connection;
    private volatile boolean closed;
    private long backoffMs = FIRST_BACKOFF_MS;

    public LibvirtSession(String uri, Listener listener) {
        this.uri = uri;
        this.listener = listener;
    }

    public String uri() {
        return uri;
    }

    /** Starts the first connection attempt; returns at once. */
    public void start() throws LibvirtFailure {
        LibvirtEventLoop.ensureRunning();
        connector.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            Connect fresh = new Connect(uri);
            fresh.addLifecycleListener(lifecycle);
            fresh.registerCloseListener((c, reason) -> connector.execute(() -> lost("connection closed (" + reason + ")")));
            connection = fresh;
            backoffMs = FIRST_BACKOFF_MS;
            LOG.info("libvirt: connected to {}", uri);
            listener.connected(new LibvirtDomains(fresh));
        } catch (LibvirtException e) {
            LOG.warn("libvirt: cannot connect to {} ({}); retrying in {} s", uri, e.getMessage().strip(),
                    backoffMs / 1000);
            listener.unreachable(e.getMessage().strip());
            scheduleReconnect();
        }
    }

    private void lost(String reason) {
        if (closed) {
            return;
        }
        Connect old = connection;
        connection = null;
        if (old != null) {
            try {
                old.close();
            } catch (LibvirtException ignored) {
                // the connection is already gone; closing only frees our side
            }
        }
        LOG.warn("libvirt: {}; reconnecting", reason);
        listener.disconnected(reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private int onLifecycle(org.libvirt.Domain domain, org.libvirt.event.DomainEvent event) {
        try {
            // Both are local lookups on the domain handle: no call to libvirtd from the event thread.
            VmEvent vmEvent = new VmEvent(domain.getUUIDString(), domain.getName(), kindOf(event.getType()));
            Trace.mark("daemon.libvirt-event", vmEvent.kind(), vmEvent.uuid());
            // Straight to the owner's queue: a hop through the connector thread cost a thread wake-up, which on a
            // busy machine (QEMU starting) is milliseconds of the start → DisplayReady path.
            listener.event(vmEvent);
        } catch (LibvirtException e) {
            LOG.warn("libvirt: an event could not be read: {}", e.getMessage());
        }
        return 0;
    }

    static VmEvent.Kind kindOf(DomainEventType type) {
        return switch (type) {
            case DEFINED -> VmEvent.Kind.DEFINED;
            case UNDEFINED -> VmEvent.Kind.UNDEFINED;
            case STARTED -> VmEvent.Kind.STARTED;
            case STOPPED -> VmEvent.Kind.STOPPED;
            case SUSPENDED, RESUMED, PMSUSPENDED -> VmEvent.Kind.PAUSED_OR_RESUMED;
            default -> VmEvent.Kind.OTHER;
        };
    }

    private static Thread daemonThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        Connect old = connection;
        connection = null;
        if (old != null) {
            try {
                old.removeLifecycleListener(lifecycle);
                old.close();
            } catch (LibvirtException ignored) {
                // shutting down
            }
        }
    }
}
