// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/** libvirt-dbus's connection object (org.libvirt on the system bus): only the lifecycle signal we time against. */
@DBusInterfaceName("org.libvirt.Connect")
public interface LibvirtDbusConnect extends DBusInterface {
    String BUS_NAME = "org.libvirt";
    String QEMU_PATH = "/org/libvirt/QEMU";
    /** virDomainEventType VIR_DOMAIN_EVENT_STARTED. */
    int STARTED = 2;

    /** A real call: libvirt-dbus connects to libvirtd (and so subscribes to its events) on the first one. */
    java.util.List<org.freedesktop.dbus.DBusPath> ListDomains(org.freedesktop.dbus.types.UInt32 flags);

    class DomainEvent extends DBusSignal {
        private final DBusPath domain;
        private final int event;

        public DomainEvent(String path, DBusPath domain, int event, int detail) throws DBusException {
            super(path, domain, event, detail);
            this.domain = domain;
            this.event = event;
        }

        public DBusPath getDomain() {
            return domain;
        }

        public int getEvent() {
            return event;
        }
    }
}
