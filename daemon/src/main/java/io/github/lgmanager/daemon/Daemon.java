// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.daemon.bus.BusService;
import io.github.lgmanager.daemon.libvirt.LibvirtSession;
import io.github.lgmanager.daemon.shm.KernelLinkProtection;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import io.github.lgmanager.daemon.vm.VmSupervisor;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lg-daemon assembled: libvirt session → supervisor → bus service. Used by main and by the tests alike. It logs
 * through SLF4J under {@code io.github.lgmanager}; main sends that to stderr (the journal), tests capture it.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final long FIRST_RECONCILE_TIMEOUT_S = 30;
    private final VmSupervisor supervisor;
    private final LibvirtSession session;
    private final BusService bus;
    private final DisplayAccess access;

    public Daemon(String libvirtUri, DBusConnection connection, Authorizer authorizer, DisplayAccess access)
            throws DBusException {
        this.access = access;
        this.supervisor = new VmSupervisor(access);
        this.bus = new BusService(connection, supervisor.commands(), authorizer, libvirtUri);
        supervisor.publishTo(bus);
        this.session = new LibvirtSession(libvirtUri, supervisor);
    }

    /** A daemon built and {@linkplain #start() started}: lg-daemon's main, and the tests' daemon in their JVM. */
    public static Daemon started(String libvirtUri, DBusConnection connection, Authorizer authorizer,
            DisplayAccess access) throws LibvirtFailure, DBusException, InterruptedException {
        Daemon daemon = new Daemon(libvirtUri, connection, authorizer, access);
        daemon.start();
        return daemon;
    }

    /**
     * Connects to libvirt, waits for the first full reconcile (so clients never see a half-filled list), then
     * takes the bus name. If libvirtd is down (the first attempt failed, or none ended within the timeout) the name is
     * taken at once anyway, LibvirtConnected false; the daemon reconnects in the background.
     */
    public void start() throws LibvirtFailure, DBusException, InterruptedException {
        access.selfCheck().ifPresent(problem -> LOG.warn("{}", problem));
        KernelLinkProtection.check().ifPresent(problem -> LOG.warn("{}", problem));
        session.start();
        if (!supervisor.awaitFirstReconcile(FIRST_RECONCILE_TIMEOUT_S, TimeUnit.SECONDS)) {
            LOG.warn("libvirt: not connected; serving anyway (no VMs until libvirt answers), still retrying");
        }
        bus.claimName();
        LOG.info("serving {} for {}", BusNames.SERVICE, session.uri());
    }

    @Override
    public void close() {
        session.close();
        supervisor.close();
    }
}
