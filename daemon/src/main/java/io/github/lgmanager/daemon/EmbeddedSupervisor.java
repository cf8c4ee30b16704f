package io.github.lgmanager.daemon;

import io.github.lgmanager.daemon.libvirt.LibvirtEventLoop;
import io.github.lgmanager.daemon.libvirt.LibvirtFailure;
import io.github.lgmanager.daemon.libvirt.LibvirtSession;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.daemon.vm.VmPublisher;
import io.github.lgmanager.daemon.vm.VmSupervisor;
import io.github.lgmanager.daemon.vm.VmView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The daemon's VM logic without a bus, for tools that talk to libvirt themselves (lg-admin --connect): the same
 * supervisor and commands, so an edit made this way is the edit the daemon would make.
 */
public final class EmbeddedSupervisor implements AutoCloseable {
    private final VmSupervisor supervisor;
    private final LibvirtSession session;
    private final VmCommands commands;
    private final Map<String, VmView> views = new ConcurrentHashMap<>();

    private EmbeddedSupervisor(String uri, DisplayAccess access, Consumer<String> log) {
        this.supervisor = new VmSupervisor(access, log);
        this.commands = supervisor.commands();
        supervisor.publishTo(new Views());
        this.session = new LibvirtSession(uri, supervisor, log);
    }

    /**
     * Connects and waits for the first reconcile. A URI libvirt refuses fails at once with libvirt's words
     * (the daemon would retry forever; a command-line tool should say why and stop).
     */
    public static EmbeddedSupervisor start(String uri, DisplayAccess access, Consumer<String> log, long timeoutSeconds)
            throws LibvirtFailure, InterruptedException {
        LibvirtEventLoop.ensureRunning();
        try {
            new Connect(uri).close();
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot connect to libvirt at " + uri, e);
        }
        EmbeddedSupervisor embedded = new EmbeddedSupervisor(uri, access, log);
        embedded.session.start();
        if (!embedded.supervisor.awaitFirstReconcile(timeoutSeconds, TimeUnit.SECONDS)) {
            embedded.close();
            throw new LibvirtFailure("libvirt at " + uri + " did not answer within " + timeoutSeconds + " s");
        }
        return embedded;
    }

    public VmCommands commands() {
        return commands;
    }

    /** Every VM as the daemon would publish it, in name order; current once a command has returned. */
    public List<VmView> vms() {
        return views.values().stream().sorted(Comparator.comparing(VmView::name)).toList();
    }

    @Override
    public void close() {
        session.close();
        supervisor.close();
    }

    private final class Views implements VmPublisher {
        @Override
        public void vmAdded(VmView vm) {
            views.put(vm.uuid(), vm);
        }

        @Override
        public void vmRemoved(VmView vm) {
            views.remove(vm.uuid());
        }

        @Override
        public void vmChanged(VmView vm) {
            views.put(vm.uuid(), vm);
        }

        @Override
        public void displayReady(VmView vm) {
            views.put(vm.uuid(), vm);
        }

        @Override
        public void displayClosed(VmView vm) {
            views.put(vm.uuid(), vm);
        }

        @Override
        public void displayFailed(VmView vm, String reason) {
            views.put(vm.uuid(), vm);
        }

        @Override
        public void libvirtConnected(boolean connected) {
            // a command-line run is short; a lost connection surfaces as the next command's failure
        }
    }
}
