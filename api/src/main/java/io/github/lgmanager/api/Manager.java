// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/** The manager object. Documented in io.github.lgmanager1.Manager.xml beside this package's resources. */
@DBusInterfaceName(BusNames.MANAGER_INTERFACE)
@DBusProperty(name = "Version", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "LibvirtUri", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "LibvirtConnected", type = Boolean.class, access = DBusProperty.Access.READ)
public interface Manager extends DBusInterface {

    List<DBusPath> ListVms();

    DBusPath GetVmByName(String name);

    UInt32 ComputeShmSize(UInt32 width, UInt32 height, boolean hdr, String formula);

    class VmAdded extends DBusSignal {
        private final DBusPath vm;
        private final String name;

        public VmAdded(String path, DBusPath vm, String name) throws DBusException {
            super(path, vm, name);
            this.vm = vm;
            this.name = name;
        }

        public DBusPath getVm() {
            return vm;
        }

        public String getName() {
            return name;
        }
    }

    class VmRemoved extends DBusSignal {
        private final DBusPath vm;
        private final String name;

        public VmRemoved(String path, DBusPath vm, String name) throws DBusException {
            super(path, vm, name);
            this.vm = vm;
            this.name = name;
        }

        public DBusPath getVm() {
            return vm;
        }

        public String getName() {
            return name;
        }
    }

    class DisplayReady extends DBusSignal {
        private final DBusPath vm;
        private final String shmPath;
        private final String spiceHost;
        private final int spicePort;

        public DisplayReady(String path, DBusPath vm, String shmPath, String spiceHost, int spicePort) throws DBusException {
            super(path, vm, shmPath, spiceHost, spicePort);
            this.vm = vm;
            this.shmPath = shmPath;
            this.spiceHost = spiceHost;
            this.spicePort = spicePort;
        }

        public DBusPath getVm() {
            return vm;
        }

        public String getShmPath() {
            return shmPath;
        }

        public String getSpiceHost() {
            return spiceHost;
        }

        public int getSpicePort() {
            return spicePort;
        }
    }

    class DisplayClosed extends DBusSignal {
        private final DBusPath vm;

        public DisplayClosed(String path, DBusPath vm) throws DBusException {
            super(path, vm);
            this.vm = vm;
        }

        public DBusPath getVm() {
            return vm;
        }
    }

    class DisplayFailed extends DBusSignal {
        private final DBusPath vm;
        private final String reason;

        public DisplayFailed(String path, DBusPath vm, String reason) throws DBusException {
            super(path, vm, reason);
            this.vm = vm;
            this.reason = reason;
        }

        public DBusPath getVm() {
            return vm;
        }

        public String getReason() {
            return reason;
        }
    }
}
