// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.testkit.Xvfb;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.jupiter.api.Test;

/** Notifications reach a real notification server (dunst, Debian's) on a private session bus. */
class DesktopNotifierIT {

    @Test
    void anErrorReachesDunstEscapedAtNormalUrgencyAndReplacesTheVmsPreviousOne() throws Exception {
        String dunst = Prerequisite.program("/usr/bin/dunst", "dunst").toString();
        String dunstctl = Prerequisite.program("/usr/bin/dunstctl", "dunst").toString();
        try (Xvfb x = Xvfb.start(); PrivateDbusDaemon session = PrivateDbusDaemon.start();
             DBusConnection connection = DBusConnectionBuilder.forAddress(session.address()).withShared(false).build()) {
            Map<String, String> env = Map.of("DISPLAY", x.display(), "DBUS_SESSION_BUS_ADDRESS", session.address());
            ProcessBuilder builder = new ProcessBuilder(dunst).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            Process server = builder.start();
            try {
                awaitName(connection, NotificationsBus.BUS_NAME);
                DesktopNotifier notifier = new DesktopNotifier(connection);

                assertTrue(notifier.error("vm-1", "Cannot open the display of win11", "first failure"));
                assertTrue(notifier.error("vm-1", "Cannot open the display of win11",
                        "add <shmem name='looking-glass'> & try again"));
                assertTrue(notifier.error("vm-2", "Cannot start win10", "another VM's news stands apart"));

                String displayed = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!displayed.equals("2") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    displayed = ExternalProcess.run(Duration.ofSeconds(10), env, dunstctl, "count", "displayed").stdout().strip();
                }
                assertEquals("2", displayed, "win11's second message replaced its first; win10's stands apart");
                // dunst moves a notification to its history only once it closes
                ExternalProcess.run(Duration.ofSeconds(10), env, dunstctl, "close-all");
                String history = ExternalProcess.run(Duration.ofSeconds(10), env, dunstctl, "history").stdout();
                // "message" is the Pango markup dunst draws: escaped there, the reader sees <shmem …> and &
                assertTrue(history.contains("<b>Cannot open the display of win11</b>\\nadd &lt;shmem name='looking-glass'&gt; &amp; try again"),
                        "the body's markup characters reach dunst's markup as text, not as a tag it drops: " + history);
                assertFalse(history.contains("first failure"), "replaced, not piled up: " + history);
                // dunst keeps critical notifications until dismissed (timeout 0); normal ones go after 10 s
                assertFalse(Pattern.compile("\"timeout\" : \\{\\s*\"type\" : \"x\",\\s*\"data\" : 0\\s*\\}").matcher(history).find(),
                        "refusals and failures are not critical (they would stay until dismissed): " + history);
                assertTrue(history.contains("lg-tray"), "the application name: " + history);
            } finally {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withoutAServerTheMessageStillGoesToStderrAndTheCallerIsTold() throws Exception {
        try (PrivateDbusDaemon session = PrivateDbusDaemon.start();
             DBusConnection connection = DBusConnectionBuilder.forAddress(session.address()).withShared(false).build()) {
            assertFalse(new DesktopNotifier(connection).error("vm", "summary", "body"));
            assertFalse(new DesktopNotifier(null).info("vm", "summary", "body"));
        }
    }

    private static void awaitName(DBusConnection connection, String name) throws Exception {
        DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!bus.NameHasOwner(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " never appeared on the private session bus (dunst did not start)");
            }
            Thread.sleep(50);
        }
    }
}
