// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.auth;

import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.auth.Caller;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.api.polkit.PolkitAuthority;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** Asks polkitd on the system bus, with the caller's bus name as subject. Root is not asked. */
public final class PolkitAuthorizer implements Authorizer {
    /** Where scripts/install and both packages put our example rule (the source tree's polkit/ is not on users' disks). */
    static final String RULES_EXAMPLE = "/usr/share/doc/lg-manager/examples/50-lg-manager.rules";

    /** The result detail polkit sets when the user closed the authentication dialog instead of answering it. */
    static final String DISMISSED = "polkit.dismissed";
    private final PolkitAuthority authority;

    public PolkitAuthorizer(DBusConnection systemBus) throws DBusException {
        this.authority = systemBus.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH,
                PolkitAuthority.class);
    }

    @Override
    public void check(Caller caller, Action action) throws NotAuthorizedException {
        if (caller.isRoot()) {
            return;
        }
        PolkitAuthority.AuthorizationResult result;
        try {
            result = authority.CheckAuthorization(PolkitAuthority.Subject.busName(caller.busName()), action.id(),
                    Map.of(), caller.interactive() ? PolkitAuthority.ALLOW_USER_INTERACTION : PolkitAuthority.NO_FLAGS, "");
        } catch (DBusExecutionException e) {
            throw new NotAuthorizedException("polkit could not decide on " + action.id() + " (" + e.getMessage()
                    + "); is polkitd running and polkit/io.github.lgmanager1.policy installed?");
        }
        if (result.isAuthorized()) {
            return;
        }
        if (result.isChallenge()) {
            // "authentication is required" is what lg-tray's Refusals tells this case by
            throw new NotAuthorizedException("not authorized for " + action.id() + ": authentication is required, and"
                    + " no password prompt could be shown (no polkit authentication agent runs for the caller, or the"
                    + " call did not allow one); run it with sudo, or ask an administrator for a polkit rule");
        }
        if ("true".equals(result.getDetails().get(DISMISSED))) {
            // "the password prompt was dismissed" is what lg-tray's Refusals and lg-admin tell this case by
            throw new NotAuthorizedException("not authorized for " + action.id() + ": the password prompt was dismissed;"
                    + " nothing was changed");
        }
        throw new NotAuthorizedException("not authorized for " + action.id() + ": polkit denied it; an administrator"
                + " can allow it with a rule in /etc/polkit-1/rules.d/ (example: " + RULES_EXAMPLE + ")");
    }
}
