// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.api.Manager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;

/** Records every lg-daemon signal a client connection receives, and waits for the one a test expects. */
public final class SignalRecorder {
    private final List<DBusSignal> signals = new CopyOnWriteArrayList<>();

    public SignalRecorder(DBusConnection client) throws DBusException {
        for (Class<? extends DBusSignal> type : List.of(Manager.VmAdded.class, Manager.VmRemoved.class,
                Manager.DisplayReady.class, Manager.DisplayClosed.class, Manager.DisplayFailed.class,
                Properties.PropertiesChanged.class)) {
            client.addSigHandler(type, signals::add);
        }
    }

    /** The first recorded signal of this type that matches, waiting up to {@code timeout} for it. */
    public <T extends DBusSignal> T await(Class<T> type, Predicate<T> match, Duration timeout, Object context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (DBusSignal s : signals) {
                if (type.isInstance(s) && match.test(type.cast(s))) {
                    return type.cast(s);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " signal matched within " + timeout.toSeconds()
                + " s; got " + signals + "; " + context);
    }

    public List<DBusSignal> all() {
        return List.copyOf(signals);
    }

    public void clear() {
        signals.clear();
    }
}
