package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.LgManagerError;
import io.github.lgmanager.daemon.auth.Authorizer;
import io.github.lgmanager.daemon.vm.VmCommandException;

/** The one place where daemon failures become named D-Bus errors. */
final class BusErrors {
    private BusErrors() {
    }

    static LgManagerError of(VmCommandException e) {
        String name = switch (e.kind()) {
            case NOT_FOUND -> LgManagerError.NOT_FOUND;
            case INVALID_ARGUMENT -> LgManagerError.INVALID_ARGUMENT;
            case NOT_ENABLED -> LgManagerError.NOT_ENABLED;
            case NOT_RUNNING -> LgManagerError.NOT_RUNNING;
            case UNSAFE -> LgManagerError.UNSAFE;
            case LIBVIRT -> LgManagerError.LIBVIRT;
        };
        return new LgManagerError(name, e.getMessage());
    }

    static LgManagerError of(Authorizer.NotAuthorizedException e) {
        return LgManagerError.notAuthorized(e.getMessage());
    }
}
