// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** One VM. Documented in io.github.lgmanager1.Vm.xml beside this package's resources. */
@DBusInterfaceName(BusNames.VM_INTERFACE)
@DBusProperty(name = "Name", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Uuid", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Running", type = Boolean.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Enabled", type = Boolean.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Mode", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "ShmPath", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "ShmSizeMiB", type = UInt32.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "RequiredSizeMiB", type = UInt32.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Width", type = UInt32.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Height", type = UInt32.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Hdr", type = Boolean.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Formula", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "Users", type = Vm.StringList.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "AutoOpenUsers", type = Vm.StringList.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "ClientOptions", type = Vm.StringList.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "SpiceHost", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "SpicePort", type = Integer.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "AclApplied", type = Boolean.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "LastError", type = String.class, access = DBusProperty.Access.READ)
@DBusProperty(name = "PendingRestart", type = Boolean.class, access = DBusProperty.Access.READ)
public interface Vm extends DBusInterface {

    List<String> Enable(Map<String, Variant<?>> options);

    ChangePreview PreviewEnable(Map<String, Variant<?>> options);

    ChangePreview PreviewDisable(Map<String, Variant<?>> options);

    String GetXml();

    List<String> Configure(Map<String, Variant<?>> changes);

    List<String> Disable(Map<String, Variant<?>> options);

    void SetUsers(List<String> users);

    void SetAutoOpen(boolean autoOpen);

    void SetClientOptions(List<String> options);

    void Start();

    void Shutdown();

    Map<String, Variant<?>> RequestOpen();

    /** Tells dbus-java the property type {@code as}. */
    interface StringList extends TypeRef<List<String>> {
    }
}
