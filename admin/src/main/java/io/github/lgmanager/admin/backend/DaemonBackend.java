// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.admin.Installation;
import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.api.VmPropertiesCodec;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;

/** lg-daemon over D-Bus (system bus by default): polkit decides what the caller may change. */
public final class DaemonBackend implements VmBackend {
    private final DBusConnection connection;
    private final String bus;

    private DaemonBackend(DBusConnection connection, String bus) {
        this.connection = connection;
        this.bus = bus;
    }

    /** bus: "system", "session" or a D-Bus address. */
    public static DaemonBackend connect(String bus) throws AdminException {
        try {
            DBusConnection connection = switch (bus) {
                case "system" -> DBusConnectionBuilder.forSystemBus().withShared(false).build();
                case "session" -> DBusConnectionBuilder.forSessionBus().withShared(false).build();
                default -> DBusConnectionBuilder.forAddress(bus).withShared(false).build();
            };
            DaemonBackend backend = new DaemonBackend(connection, bus);
            backend.manager().ListVms(); // fails now, with the way out, if nobody serves the name
            return backend;
        } catch (DBusException | RuntimeException e) {
            throw new AdminException("cannot reach lg-daemon on the " + busName(bus) + " (" + reason(e) + "); start it"
                    + " (" + Installation.current().startDaemon() + "), or as root use --connect qemu:///system");
        }
    }

    private static String busName(String bus) {
        return bus.equals("system") || bus.equals("session") ? bus + " bus" : "bus " + bus;
    }

    private static String reason(Exception e) {
        if (e instanceof DBusExecutionException d) {
            String name = errorName(d);
            if (name.equals("org.freedesktop.DBus.Error.ServiceUnknown")) {
                return "lg-daemon is not running";
            }
            if (name.equals("org.freedesktop.DBus.Error.AccessDenied")) {
                return "the bus refuses calls to lg-daemon because its D-Bus policy is missing: "
                        + Installation.current().installBusPolicy();
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private Manager manager() throws DBusException {
        return connection.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Manager.class);
    }

    private Vm vm(VmView view) throws DBusException {
        return connection.getRemoteObject(BusNames.SERVICE, BusNames.vmPath(view.uuid()), Vm.class);
    }

    @Override
    public List<VmView> list() throws AdminException {
        return call(() -> {
            List<VmView> views = new ArrayList<>();
            for (DBusPath path : manager().ListVms()) {
                views.add(view(path));
            }
            return views;
        });
    }

    @Override
    public VmView find(String name) throws AdminException {
        return call(() -> view(manager().GetVmByName(name)));
    }

    @Override
    public List<String> enable(VmView vm, EnableRequest r) throws AdminException {
        return call(() -> vm(vm).Enable(EnableOptionsCodec.encode(r)));
    }

    @Override
    public Preview previewEnable(VmView vm, EnableRequest r) throws AdminException {
        return call(() -> vm(vm).PreviewEnable(EnableOptionsCodec.encode(r)).toPreview());
    }

    @Override
    public List<String> configure(VmView vm, SettingsChange change) throws AdminException {
        return call(() -> vm(vm).Configure(EnableOptionsCodec.encode(change)));
    }

    @Override
    public List<String> disable(VmView vm, boolean forget) throws AdminException {
        return call(() -> vm(vm).Disable(EnableOptionsCodec.encodeDisable(forget)));
    }

    @Override
    public Preview previewDisable(VmView vm, boolean forget) throws AdminException {
        return call(() -> vm(vm).PreviewDisable(EnableOptionsCodec.encodeDisable(forget)).toPreview());
    }

    @Override
    public String xml(VmView vm) throws AdminException {
        return call(() -> vm(vm).GetXml());
    }

    @Override
    public String libvirtProblem() {
        try {
            Properties p = connection.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH, Properties.class);
            Boolean connected = p.Get(BusNames.MANAGER_INTERFACE, "LibvirtConnected");
            String uri = p.Get(BusNames.MANAGER_INTERFACE, "LibvirtUri");
            return Boolean.TRUE.equals(connected) ? "" : "lg-daemon is not connected to libvirt at " + uri;
        } catch (DBusException | DBusExecutionException e) {
            return "cannot ask lg-daemon: " + reason(e);
        }
    }

    @Override
    public String description() {
        return "lg-daemon on the " + busName(bus);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing a connection we are done with; nothing to report
        }
    }

    /** A daemon of another version may publish other properties: one line saying so, not a stack trace. */
    private VmView view(DBusPath path) throws DBusException {
        Properties properties = connection.getRemoteObject(BusNames.SERVICE, path.getPath(), Properties.class);
        try {
            return VmPropertiesCodec.decode(properties.GetAll(BusNames.VM_INTERFACE));
        } catch (IllegalArgumentException e) {
            throw new DBusException(e.getMessage());
        }
    }

    private interface Call<T> {
        T run() throws DBusException;
    }

    private static <T> T call(Call<T> call) throws AdminException {
        try {
            return call.run();
        } catch (DBusExecutionException e) {
            throw new AdminException(message(errorName(e), e.getMessage()));
        } catch (DBusException e) {
            throw new AdminException("D-Bus failure talking to lg-daemon: " + reason(e));
        }
    }

    /** One line per D-Bus error; polkit's refusal gets the way out the issue asks for. */
    static String message(String errorName, String daemonMessage) {
        if (errorName.equals(LgManagerErrors.NOT_AUTHORIZED)) {
            return "you are not allowed to change this VM's Looking Glass settings (polkit refused the action"
                    + " io.github.lgmanager1.configure); run the command with sudo, or ask an administrator";
        }
        if (errorName.startsWith("org.freedesktop.DBus.Error.ServiceUnknown")
                || errorName.startsWith("org.freedesktop.DBus.Error.NoReply")) {
            return "lg-daemon stopped answering; see why with: systemctl status lg-daemon; journalctl -u lg-daemon";
        }
        String text = daemonMessage == null ? errorName : daemonMessage.strip();
        return text.lines().findFirst().orElse(errorName);
    }

    /**
     * Our errors by their D-Bus name; the bus's own (dbus-java has classes such as errors.ServiceUnknown for
     * org.freedesktop.DBus.Error.ServiceUnknown) by that name too.
     */
    static String errorName(DBusExecutionException e) {
        String name = LgManagerErrors.nameOf(e);
        return name.startsWith("org.freedesktop.dbus.errors.")
                ? "org.freedesktop.DBus.Error." + e.getClass().getSimpleName() : name;
    }
}
