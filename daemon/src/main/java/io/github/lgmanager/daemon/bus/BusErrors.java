// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.LgManagerErrors;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.core.vm.VmCommandException;

/** The one place where daemon failures become named D-Bus errors. */
final class BusErrors {
    private BusErrors() {
    }

    static DBusExecutionException of(VmCommandException e) {
        String message = e.getMessage();
        return switch (e.kind()) {
            case NOT_FOUND -> LgManagerErrors.notFound(message);
            case INVALID_ARGUMENT -> LgManagerErrors.invalidArgument(message);
            case NOT_ENABLED -> LgManagerErrors.notEnabled(message);
            case NOT_RUNNING -> LgManagerErrors.notRunning(message);
            case UNSAFE -> LgManagerErrors.unsafe(message);
            case LIBVIRT -> LgManagerErrors.libvirt(message);
        };
    }

    static DBusExecutionException of(Authorizer.NotAuthorizedException e) {
        return LgManagerErrors.notAuthorized(e.getMessage());
    }
}
