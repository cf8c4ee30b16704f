// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.polkit.PolkitAuthority;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.TestUser;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.junit.jupiter.api.Test;

/** The real system bus and the real polkitd answer our D-Bus bindings, and tell root from an ordinary user. */
class SystemBusPolkitE2E {
    /** libvirt-daemon-system's action: allow_any/allow_active are auth_admin-like, so only root passes silently. */
    private static final String LIBVIRT_MANAGE = "org.libvirt.unix.manage";

    @Test
    void polkitdAuthorizesRootsOwnBusNameAndChallengesAnOrdinaryUser() throws Exception {
        Prerequisite.root();
        try (DBusConnection bus = DBusConnectionBuilder.forSystemBus().withShared(false).build()) {
            Properties properties = bus.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH, Properties.class);
            String backend = properties.Get("org.freedesktop.PolicyKit1.Authority", "BackendVersion");
            assertFalse(backend.isBlank(), "polkitd reports its backend version");

            PolkitAuthority authority = bus.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH,
                    PolkitAuthority.class);
            PolkitAuthority.AuthorizationResult root = authority.CheckAuthorization(
                    PolkitAuthority.Subject.busName(bus.getUniqueName()), LIBVIRT_MANAGE, Map.of(),
                    PolkitAuthority.NO_FLAGS, "");
            assertTrue(root.isAuthorized(), "root's own bus name is authorized for " + LIBVIRT_MANAGE);
        }

        String pkcheck = Prerequisite.program("/usr/bin/pkcheck", "polkitd").toString();
        try (TestUser user = TestUser.create()) {
            // pkcheck asks the same polkitd about the process it runs in: the test user's.
            ExternalProcess.Result asUser = user.run("/bin/sh", "-c",
                    "exec " + pkcheck + " --action-id " + LIBVIRT_MANAGE + " --process $$");
            assertNotEquals(0, asUser.exitCode(), "a non-root user without a grant is not authorized: " + asUser);
        }
    }

    @Test
    void anUnknownActionIsAnErrorNotADenial() throws Exception {
        Prerequisite.root();
        try (DBusConnection bus = DBusConnectionBuilder.forSystemBus().withShared(false).build()) {
            PolkitAuthority authority = bus.getRemoteObject(PolkitAuthority.BUS_NAME, PolkitAuthority.OBJECT_PATH,
                    PolkitAuthority.class);
            var error = org.junit.jupiter.api.Assertions.assertThrows(
                    org.freedesktop.dbus.exceptions.DBusExecutionException.class,
                    () -> authority.CheckAuthorization(PolkitAuthority.Subject.busName(bus.getUniqueName()),
                            "io.github.lgmanager1.no-such-action", Map.of(), PolkitAuthority.NO_FLAGS, ""));
            assertTrue(error.getMessage().contains("no-such-action"), error.getMessage());
        }
    }
}
