// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.DisplayInfo;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.InteractiveCalls;
import io.github.lgmanager.tray.core.DisplayTarget;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The user's actions on a VM, sent with ALLOW_INTERACTIVE_AUTHORIZATION ({@link InteractiveCalls}): the daemon then
 * lets polkit ask the desktop's authentication agent for a password instead of refusing. Remote errors arrive as
 * io.github.lgmanager1.Error.* exceptions. {@code vm} is the VM's UUID.
 */
public final class VmCalls {
    private final DBusConnection connection;
    private final InteractiveCalls calls;

    VmCalls(DBusConnection connection) {
        this.connection = connection;
        this.calls = new InteractiveCalls(connection);
    }

    public void setAutoOpen(String vm, boolean on) throws DBusException {
        call(vm, "SetAutoOpen", "b", on);
    }

    public void start(String vm) throws DBusException {
        call(vm, "Start", null);
    }

    public void shutdown(String vm) throws DBusException {
        call(vm, "Shutdown", null);
    }

    @SuppressWarnings("unchecked")
    public List<String> enable(String vm, Map<String, Variant<?>> options) throws DBusException {
        return (List<String>) call(vm, "Enable", "a{sv}", options)[0];
    }

    /** Any settings change in one call (see Configure in io.github.lgmanager1.Vm.xml); HDR and formula kept. */
    public List<String> resize(String vm, int width, int height, boolean hdr) throws DBusException {
        return configure(vm, EnableOptionsCodec.sized(width, height, hdr, Map.of()));
    }

    @SuppressWarnings("unchecked")
    public List<String> configure(String vm, Map<String, Variant<?>> changes) throws DBusException {
        return (List<String>) call(vm, "Configure", "a{sv}", changes)[0];
    }

    @SuppressWarnings("unchecked")
    public List<String> disable(String vm) throws DBusException {
        return (List<String>) call(vm, "Disable", "a{sv}", Map.of())[0];
    }

    public void setUsers(String vm, List<String> users) throws DBusException {
        call(vm, "SetUsers", "as", users);
    }

    public void setClientOptions(String vm, List<String> options) throws DBusException {
        call(vm, "SetClientOptions", "as", options);
    }

    public DisplayTarget requestOpen(String vm) throws DBusException {
        Object[] reply = call(vm, "RequestOpen", null);
        if (reply.length != 1 || !(reply[0] instanceof Map<?, ?> map)) {
            throw new DBusExecutionException("lg-daemon's RequestOpen reply is not the a{sv} its contract declares;"
                    + " is lg-daemon the same version as lg-tray?");
        }
        DisplayInfo info;
        try {
            info = DisplayInfo.fromReply(castKeys(map));
        } catch (IllegalArgumentException e) {
            throw new DBusExecutionException(e.getMessage());
        }
        return new DisplayTarget(info.shmPath(), info.spiceHost(), info.spicePort());
    }

    public int computeShmSize(int width, int height, boolean hdr, String formula) throws DBusException {
        MethodCall call = connection.getMessageFactory().createMethodCall(connection.getUniqueName(), BusNames.SERVICE,
                BusNames.MANAGER_PATH, BusNames.MANAGER_INTERFACE, "ComputeShmSize", (byte) 0, "uubs",
                new UInt32(width), new UInt32(height), hdr, formula);
        return ((UInt32) send(call)[0]).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castKeys(Map<?, ?> map) {
        return (Map<String, ?>) map; // a{sv}: D-Bus dictionary keys of type s arrive as String
    }

    private Object[] call(String vm, String method, String signature, Object... args) throws DBusException {
        return calls.callVm(vm, method, signature, args);
    }

    private Object[] send(MethodCall call) throws DBusException {
        return calls.send(call);
    }
}
