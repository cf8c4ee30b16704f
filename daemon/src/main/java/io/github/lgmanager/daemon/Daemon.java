package io.github.lgmanager.daemon;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.daemon.bus.BusService;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.daemon.libvirt.LibvirtSession;
import io.github.lgmanager.daemon.shm.KernelLinkProtection;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import io.github.lgmanager.daemon.vm.VmSupervisor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;

/** lg-daemon assembled: libvirt session → supervisor → bus service. Used by main and by the tests alike. */
public final class Daemon implements AutoCloseable {
    private static final long FIRST_RECONCILE_TIMEOUT_S = 30;
    private final VmSupervisor supervisor;
    private final LibvirtSession session;
    private final BusService bus;
    private final Consumer<String> log;
    private final DisplayAccess access;

    public Daemon(String libvirtUri, DBusConnection connection, Authorizer authorizer, DisplayAccess access,
            Consumer<String> log) throws DBusException {
        this.log = log;
        this.access = access;
        this.supervisor = new VmSupervisor(access, log);
        this.bus = new BusService(connection, supervisor.commands(), authorizer, libvirtUri, log);
        supervisor.publishTo(bus);
        this.session = new LibvirtSession(libvirtUri, supervisor, log);
    }

    /** A daemon built and {@linkplain #start() started}: lg-daemon's main, and the tests' daemon in their JVM. */
    public static Daemon started(String libvirtUri, DBusConnection connection, Authorizer authorizer,
            DisplayAccess access, Consumer<String> log) throws LibvirtFailure, DBusException, InterruptedException {
        Daemon daemon = new Daemon(libvirtUri, connection, authorizer, access, log);
        daemon.start();
        return daemon;
    }

    /**
     * Connects to libvirt, waits for the first full reconcile (so clients never see a half-filled list), then
     * takes the bus name. If libvirtd is down the name is taken anyway; the daemon reconnects in the background.
     */
    public void start() throws LibvirtFailure, DBusException, InterruptedException {
        access.selfCheck().ifPresent(problem -> log.accept("warning: " + problem));
        // "<4>": journald files a stderr line with this prefix at warning priority (sd-daemon(3))
        KernelLinkProtection.check().ifPresent(problem -> log.accept("<4>warning: " + problem));
        session.start();
        if (!supervisor.awaitFirstReconcile(FIRST_RECONCILE_TIMEOUT_S, TimeUnit.SECONDS)) {
            log.accept("libvirt: no connection after " + FIRST_RECONCILE_TIMEOUT_S + " s; serving anyway, still retrying");
        }
        bus.claimName();
        log.accept("serving " + BusNames.SERVICE + " for " + session.uri());
    }

    @Override
    public void close() {
        session.close();
        supervisor.close();
    }
}
