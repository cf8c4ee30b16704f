// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/**
 * Calls to lg-daemon's VM objects sent with ALLOW_INTERACTIVE_AUTHORIZATION: the daemon then lets polkit ask the
 * caller's authentication agent (the desktop's, or lg-admin's pkttyagent) for a password instead of refusing.
 * dbus-java's proxies cannot set that header flag, so the calls are built by hand. Remote errors arrive as the
 * exceptions {@link LgManagerErrors} names. {@code vm} is the VM's UUID ({@link BusNames#vmPath}).
 */
public final class InteractiveCalls {
    /** The D-Bus header flag (spec: 0x4), absent from dbus-java's Flags constants. */
    public static final byte ALLOW_INTERACTIVE_AUTHORIZATION = 0x4;
    /** A password prompt waits for a human: give them time to type it. */
    static final long TIMEOUT_MILLIS = 120_000;
    private final DBusConnection connection;

    public InteractiveCalls(DBusConnection connection) {
        this.connection = connection;
    }

    /** Calls {@code method} of the VM's object; {@code signature} null for no arguments. Returns the reply's values. */
    public Object[] callVm(String vm, String method, String signature, Object... args) throws DBusException {
        MethodCall call = connection.getMessageFactory().createMethodCall(connection.getUniqueName(), BusNames.SERVICE,
                BusNames.vmPath(vm), BusNames.VM_INTERFACE, method, ALLOW_INTERACTIVE_AUTHORIZATION, signature, args);
        return send(call);
    }

    /** Sends a call built by the caller (any flags) and waits for its reply as long as a password prompt may take. */
    public Object[] send(MethodCall call) throws DBusException {
        connection.sendMessage(call);
        Message reply = call.getReply(TIMEOUT_MILLIS);
        if (reply == null) {
            throw new DBusExecutionException("lg-daemon did not answer " + call.getName() + " within "
                    + TIMEOUT_MILLIS / 1000 + " s; is it running? (systemctl status lg-daemon)");
        }
        if (reply instanceof Error error) {
            error.throwException();
        }
        Object[] parameters = reply.getParameters();
        return parameters == null ? new Object[0] : parameters;
    }
}
