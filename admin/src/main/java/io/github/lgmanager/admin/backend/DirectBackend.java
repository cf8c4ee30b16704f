package io.github.lgmanager.admin.backend;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.daemon.EmbeddedSupervisor;
import io.github.lgmanager.daemon.libvirt.LibvirtFailure;
import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import io.github.lgmanager.daemon.vm.EnableRequest;
import io.github.lgmanager.daemon.vm.Preview;
import io.github.lgmanager.daemon.vm.VmCommandException;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.daemon.vm.VmView;
import java.util.List;

/** --connect URI: the daemon's supervisor and commands in this process, no bus and no polkit (libvirt's own access rules apply). */
public final class DirectBackend implements VmBackend {
    private static final long CONNECT_TIMEOUT_S = 30;
    private final String uri;
    private final EmbeddedSupervisor embedded;
    private final VmCommands commands;

    private DirectBackend(String uri, EmbeddedSupervisor embedded) {
        this.uri = uri;
        this.embedded = embedded;
        this.commands = embedded.commands();
    }

    /**
     * readOnly: for doctor, which must change nothing; otherwise, like the daemon, the first reconcile grants the
     * users of running VMs.
     */
    public static DirectBackend connect(String uri, boolean readOnly) throws AdminException {
        DisplayAccess guarded = GuardedDisplayAccess.onThisMachine();
        DisplayAccess access = readOnly ? new ReadOnlyDisplayAccess(guarded) : guarded;
        try {
            // The supervisor's log is the daemon's journal; a one-shot command shows results, not that chatter.
            return new DirectBackend(uri, EmbeddedSupervisor.start(uri, access, line -> { }, CONNECT_TIMEOUT_S));
        } catch (LibvirtFailure e) {
            throw new AdminException(e.getMessage() + "; check the URI and that libvirtd runs (virsh -c " + uri + " list)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while connecting to " + uri);
        }
    }

    @Override
    public List<VmView> list() {
        return embedded.vms();
    }

    @Override
    public List<String> enable(VmView vm, EnableRequest request) throws AdminException {
        return call(() -> commands.enable(vm.uuid(), request));
    }

    @Override
    public Preview previewEnable(VmView vm, EnableRequest request) throws AdminException {
        return call(() -> commands.previewEnable(vm.uuid(), request));
    }

    @Override
    public List<String> resize(VmView vm, int width, int height, boolean hdr) throws AdminException {
        return call(() -> commands.resize(vm.uuid(), width, height, hdr));
    }

    @Override
    public List<String> disable(VmView vm) throws AdminException {
        return call(() -> commands.disable(vm.uuid()));
    }

    @Override
    public Preview previewDisable(VmView vm) throws AdminException {
        return call(() -> commands.previewDisable(vm.uuid()));
    }

    @Override
    public void setUsers(VmView vm, List<String> users) throws AdminException {
        call(() -> {
            commands.setUsers(vm.uuid(), users);
            return null;
        });
    }

    @Override
    public void setAutoOpen(VmView vm, boolean autoOpen) throws AdminException {
        call(() -> {
            commands.setAutoOpen(vm.uuid(), autoOpen);
            return null;
        });
    }

    @Override
    public void setClientOptions(VmView vm, List<String> options) throws AdminException {
        call(() -> {
            commands.setClientOptions(vm.uuid(), options);
            return null;
        });
    }

    @Override
    public String xml(VmView vm) throws AdminException {
        return call(() -> commands.xml(vm.uuid()));
    }

    @Override
    public String libvirtProblem() {
        return "";
    }

    @Override
    public String description() {
        return "libvirt at " + uri + " (--connect, no daemon)";
    }

    @Override
    public void close() {
        embedded.close();
    }

    private interface Command<T> {
        T run() throws VmCommandException;
    }

    private static <T> T call(Command<T> command) throws AdminException {
        try {
            return command.run();
        } catch (VmCommandException e) {
            throw new AdminException(e.getMessage());
        }
    }
}
