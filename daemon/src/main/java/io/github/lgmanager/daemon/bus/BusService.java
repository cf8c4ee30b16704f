// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.daemon.vm.VmPublisher;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.trace.Trace;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** lg-daemon on the bus: exports the manager and one object per VM, and turns supervisor news into signals. */
public final class BusService implements VmPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(BusService.class);
    private final DBusConnection connection;
    private final VmCommands commands;
    private final Authorizer authorizer;
    private final CallerResolver callers;
    private final Map<String, VmObject> objects = new ConcurrentHashMap<>();
    private final Map<String, VmView> views = new ConcurrentHashMap<>();
    private final ManagerObject manager;

    public BusService(DBusConnection connection, VmCommands commands, Authorizer authorizer, String libvirtUri)
            throws DBusException {
        this.connection = connection;
        this.commands = commands;
        this.authorizer = authorizer;
        this.callers = new CallerResolver(connection);
        this.manager = new ManagerObject(this::vms, commands, libvirtUri);
        connection.exportObject(manager);
    }

    /** Takes the well-known name: from now on clients find us. Call after the first reconcile. */
    public void claimName() throws DBusException {
        connection.requestBusName(BusNames.SERVICE);
    }

    private Collection<VmView> vms() {
        return views.values();
    }

    @Override
    public void vmAdded(VmView vm) {
        if (objects.containsKey(vm.uuid())) {
            vmChanged(vm);
            return;
        }
        VmObject object = new VmObject(vm, commands, authorizer, callers);
        try {
            connection.exportObject(object);
        } catch (DBusException e) {
            LOG.warn("{}: cannot export {}: {}", vm.name(), object.getObjectPath(), e.getMessage());
            return;
        }
        objects.put(vm.uuid(), object);
        views.put(vm.uuid(), vm);
        send(() -> new Manager.VmAdded(BusNames.MANAGER_PATH, path(vm), vm.name()));
    }

    @Override
    public void vmRemoved(VmView vm) {
        VmObject object = objects.remove(vm.uuid());
        views.remove(vm.uuid());
        if (object != null) {
            connection.unExportObject(object.getObjectPath());
            send(() -> new Manager.VmRemoved(BusNames.MANAGER_PATH, path(vm), vm.name()));
        }
    }

    @Override
    public void vmChanged(VmView vm) {
        VmObject object = objects.get(vm.uuid());
        if (object == null) {
            vmAdded(vm);
            return;
        }
        views.put(vm.uuid(), vm);
        Map<String, Variant<?>> changed = object.update(vm);
        if (!changed.isEmpty()) {
            send(() -> new Properties.PropertiesChanged(object.getObjectPath(), BusNames.VM_INTERFACE, changed, List.of()));
        }
    }

    @Override
    public void displayReady(VmView vm) {
        vmChanged(vm);
        Trace.mark("daemon.properties-sent", vm.uuid());
        send(() -> new Manager.DisplayReady(BusNames.MANAGER_PATH, path(vm), vm.shmPath(), vm.spiceHost(), vm.spicePort()));
        Trace.mark("daemon.display-ready-sent", vm.uuid());
    }

    @Override
    public void displayClosed(VmView vm) {
        vmChanged(vm);
        send(() -> new Manager.DisplayClosed(BusNames.MANAGER_PATH, path(vm)));
    }

    @Override
    public void displayFailed(VmView vm, String reason) {
        vmChanged(vm);
        send(() -> new Manager.DisplayFailed(BusNames.MANAGER_PATH, path(vm), reason));
    }

    @Override
    public void libvirtConnected(boolean connected) {
        if (manager.setLibvirtConnected(connected)) {
            send(() -> new Properties.PropertiesChanged(BusNames.MANAGER_PATH, BusNames.MANAGER_INTERFACE,
                    Map.of("LibvirtConnected", new Variant<>(connected)), List.of()));
        }
    }

    private static DBusPath path(VmView vm) {
        return new DBusPath(BusNames.vmPath(vm.uuid()));
    }

    private interface SignalFactory {
        DBusSignal create() throws DBusException;
    }

    private void send(SignalFactory signal) {
        try {
            connection.sendMessage(signal.create());
        } catch (DBusException e) {
            LOG.warn("cannot send a signal: {}", e.getMessage());
        }
    }
}
