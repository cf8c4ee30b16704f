// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.admin.Installation;
import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.ChangePreview;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.InteractiveCalls;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.api.VmPropertiesCodec;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.polkit.PolkitAuthority;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/** lg-daemon over D-Bus (system bus by default): polkit decides what the caller may change. */
public final class DaemonBackend implements VmBackend {
    private final DBusConnection connection;
    private final InteractiveCalls calls;
    private final String bus;
    private final boolean mayAskPassword;
    /** Decided at the first change: null until then, empty when no prompt is needed or none could be set up. */
    private Optional<PasswordAgent> agent;

    private DaemonBackend(DBusConnection connection, String bus, boolean mayAskPassword) {
        this.connection = connection;
        this.calls = new InteractiveCalls(connection);
        this.bus = bus;
        this.mayAskPassword = mayAskPassword;
    }

    /** bus: "system", "session" or a D-Bus address; no password prompt is ever offered. */
    public static DaemonBackend connect(String bus) throws AdminException {
        return connect(bus, false);
    }

    /**
     * bus: "system", "session" or a D-Bus address. {@code mayAskPassword}: a change polkit wants a password for may
     * ask it on this process's terminal (through {@link PasswordAgent}); only for a non-root user on a terminal.
     */
    public static DaemonBackend connect(String bus, boolean mayAskPassword) throws AdminException {
        try {
            DBusConnection connection = switch (bus) {
                case "system" -> DBusConnectionBuilder.forSystemBus().withShared(false).build();
                case "session" -> DBusConnectionBuilder.forSessionBus().withShared(false).build();
                default -> DBusConnectionBuilder.forAddress(bus).withShared(false).build();
            };
            DaemonBackend backend = new DaemonBackend(connection, bus, mayAskPassword);
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
        return call(() -> change(vm, "Enable", EnableOptionsCodec.encode(r)));
    }

    @Override
    public Preview previewEnable(VmView vm, EnableRequest r) throws AdminException {
        return call(() -> preview(vm, "PreviewEnable", EnableOptionsCodec.encode(r)));
    }

    @Override
    public List<String> configure(VmView vm, SettingsChange change) throws AdminException {
        return call(() -> change(vm, "Configure", EnableOptionsCodec.encode(change)));
    }

    @Override
    public List<String> disable(VmView vm, boolean forget) throws AdminException {
        return call(() -> change(vm, "Disable", EnableOptionsCodec.encodeDisable(forget)));
    }

    /** A change, sent so that polkit may ask for a password (the daemon asks it with the interaction allowed). */
    private List<String> change(VmView vm, String method, Map<String, Variant<?>> options) throws DBusException {
        preparePasswordPrompt();
        return strings(calls.callVm(vm.uuid(), method, "a{sv}", options)[0]);
    }

    /** A reply's "as", which dbus-java hands over as a List or an array depending on the call's path. */
    private static List<String> strings(Object as) {
        Stream<?> items = as instanceof List<?> list ? list.stream() : Arrays.stream((Object[]) as);
        return items.map(String::valueOf).toList();
    }

    /** A preview shows the definition, which can hold passwords: the same authorization, so the same prompt. */
    private Preview preview(VmView vm, String method, Map<String, Variant<?>> options) throws DBusException {
        preparePasswordPrompt();
        // the reply is one struct (asss): its fields arrive as an array
        Object[] fields = (Object[]) calls.callVm(vm.uuid(), method, "a{sv}", options)[0];
        return new ChangePreview(strings(fields[0]).toArray(String[]::new), (String) fields[1], (String) fields[2])
                .toPreview();
    }

    /**
     * Starts lg-admin's own password agent when polkit would ask this caller for a password (asked without
     * interaction, as lg-tray greys its items); a caller polkit allows or refuses outright gets no agent.
     */
    @Override
    public boolean preparePasswordPrompt() {
        if (agent == null) {
            agent = mayAskPassword && polkitWouldAsk() ? PasswordAgent.start(PasswordAgent.PKTTYAGENT) : Optional.empty();
        }
        return agent.isPresent();
    }

    private boolean polkitWouldAsk() {
        try {
            PolkitAuthority authority = connection.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH,
                    PolkitAuthority.class);
            return authority.CheckAuthorization(PolkitAuthority.Subject.busName(connection.getUniqueName()),
                    Action.CONFIGURE.id(), Map.of(), PolkitAuthority.NO_FLAGS, "").isChallenge();
        } catch (DBusException | DBusExecutionException e) {
            return false; // no polkit to ask: the daemon's answer will say so
        }
    }

    @Override
    public Preview previewDisable(VmView vm, boolean forget) throws AdminException {
        return call(() -> preview(vm, "PreviewDisable", EnableOptionsCodec.encodeDisable(forget)));
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
        if (agent != null) {
            agent.ifPresent(PasswordAgent::close);
        }
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

    /** What lg-daemon's refusal says when polkit would have accepted a password (daemon.auth.PolkitAuthorizer). */
    static final String PASSWORD_NEEDED = "authentication is required";

    private static <T> T call(Call<T> call) throws AdminException {
        try {
            return call.run();
        } catch (DBusExecutionException e) {
            throw new AdminException(message(errorName(e), e.getMessage()));
        } catch (DBusException e) {
            throw new AdminException("D-Bus failure talking to lg-daemon: " + reason(e));
        }
    }

    /** One line per D-Bus error; polkit's refusal gets the way out. */
    static String message(String errorName, String daemonMessage) {
        if (errorName.equals(LgManagerErrors.NOT_AUTHORIZED)) {
            if (daemonMessage != null && daemonMessage.contains("the password prompt was dismissed")) {
                return "the password prompt was dismissed; nothing was changed";
            }
            if (daemonMessage != null && daemonMessage.contains(PASSWORD_NEEDED)) {
                return "this change needs a password, and lg-admin could not ask for one (it asks on a terminal,"
                        + " unless --no-ask-password is given); run it on a terminal, or with sudo, or ask an"
                        + " administrator to allow it";
            }
            return "you are not allowed to change this VM's Looking Glass settings (polkit refused the action"
                    + " io.github.lgmanager1.configure, or the password was not accepted); run the command with sudo,"
                    + " or ask an administrator";
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
