// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.junit.jupiter.api.Test;

/** The integration tier's bus: a private dbus-daemon that two dbus-java connections really talk through. */
class PrivateBusIT {

    @DBusInterfaceName("io.github.lgmanager1.test.Echo")
    public interface Echo extends DBusInterface {
        String Shout(String text);

        class Shouted extends DBusSignal {
            private final String text;

            public Shouted(String path, String text) throws DBusException {
                super(path, text);
                this.text = text;
            }

            public String getText() {
                return text;
            }
        }
    }

    static final class EchoObject implements Echo {
        private final DBusConnection connection;

        EchoObject(DBusConnection connection) {
            this.connection = connection;
        }

        @Override
        public String Shout(String text) {
            try {
                connection.sendMessage(new Shouted(getObjectPath(), text));
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
            return text.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public String getObjectPath() {
            return "/io/github/lgmanager1/test";
        }
    }

    @Test
    void aCallCrossesThePrivateBusAndItsSignalReachesTheCaller() throws Exception {
        try (PrivateDbusDaemon daemon = PrivateDbusDaemon.start();
             DBusConnection service = DBusConnectionBuilder.forAddress(daemon.address()).withShared(false).build();
             DBusConnection client = DBusConnectionBuilder.forAddress(daemon.address()).withShared(false).build()) {
            service.requestBusName("io.github.lgmanager1.test");
            service.exportObject(new EchoObject(service));

            BlockingQueue<String> signals = new LinkedBlockingQueue<>();
            client.addSigHandler(Echo.Shouted.class, signal -> signals.add(signal.getText()));

            Echo remote = client.getRemoteObject("io.github.lgmanager1.test", "/io/github/lgmanager1/test", Echo.class);
            assertEquals("HELLO", remote.Shout("hello"));
            assertEquals("hello", signals.poll(10, TimeUnit.SECONDS), "the signal arrives");
        }
    }
}
