// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api.polkit;

import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** polkitd's authority on the system bus, as far as lg-manager uses it: one call, CheckAuthorization (lg-daemon for its callers, lg-tray to grey what its user may not do). */
@DBusInterfaceName("org.freedesktop.PolicyKit1.Authority")
public interface PolkitAuthority extends DBusInterface {
    String BUS_NAME = "org.freedesktop.PolicyKit1";
    String OBJECT_PATH = "/org/freedesktop/PolicyKit1/Authority";
    /** Flag for CheckAuthorization: polkit may ask the user for a password through their agent. */
    UInt32 ALLOW_USER_INTERACTION = new UInt32(1);
    UInt32 NO_FLAGS = new UInt32(0);

    // D-Bus method names are capitalised by the protocol.
    @SuppressWarnings("checkstyle:MethodName")
    AuthorizationResult CheckAuthorization(Subject subject, String actionId, Map<String, String> details,
            UInt32 flags, String cancellationId);

    /** (sa{sv}): who is asking; for a D-Bus caller, kind "system-bus-name" with its unique name. */
    final class Subject extends Struct {
        @Position(0)
        private final String kind;
        @Position(1)
        private final Map<String, Variant<?>> details;

        public Subject(String kind, Map<String, Variant<?>> details) {
            this.kind = kind;
            this.details = details;
        }

        public static Subject busName(String uniqueName) {
            return new Subject("system-bus-name", Map.of("name", new Variant<>(uniqueName)));
        }

        public String getKind() {
            return kind;
        }

        public Map<String, Variant<?>> getDetails() {
            return details;
        }
    }

    /** (bba{ss}): authorized, or a challenge (authorized if the user authenticates), plus details. */
    final class AuthorizationResult extends Struct {
        @Position(0)
        private final boolean authorized;
        @Position(1)
        private final boolean challenge;
        @Position(2)
        private final Map<String, String> details;

        public AuthorizationResult(boolean authorized, boolean challenge, Map<String, String> details) {
            this.authorized = authorized;
            this.challenge = challenge;
            this.details = details;
        }

        public boolean isAuthorized() {
            return authorized;
        }

        public boolean isChallenge() {
            return challenge;
        }

        public Map<String, String> getDetails() {
            return details;
        }
    }
}
