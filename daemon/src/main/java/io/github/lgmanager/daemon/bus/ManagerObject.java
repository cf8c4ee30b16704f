// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.ProductVersion;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.core.vm.VmView;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** The manager object: lists VMs, finds them by name, sizes shared memory. Reading needs no authorization. */
final class ManagerObject extends ReadOnlyProperties implements Manager {
    private final Supplier<Collection<VmView>> vms;
    private final VmCommands commands;
    private final String libvirtUri;
    private volatile boolean libvirtConnected;

    ManagerObject(Supplier<Collection<VmView>> vms, VmCommands commands, String libvirtUri) {
        this.vms = vms;
        this.commands = commands;
        this.libvirtUri = libvirtUri;
    }

    /** Returns true when the value changed. */
    boolean setLibvirtConnected(boolean connected) {
        boolean changed = libvirtConnected != connected;
        libvirtConnected = connected;
        return changed;
    }

    @Override
    public String getObjectPath() {
        return BusNames.MANAGER_PATH;
    }

    @Override
    protected String interfaceName() {
        return BusNames.MANAGER_INTERFACE;
    }

    @Override
    protected Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Version", new Variant<>(ProductVersion.get()));
        p.put("LibvirtUri", new Variant<>(libvirtUri));
        p.put("LibvirtConnected", new Variant<>(libvirtConnected));
        return p;
    }

    @Override
    public List<DBusPath> ListVms() {
        return sorted().stream().map(vm -> new DBusPath(BusNames.vmPath(vm.uuid()))).toList();
    }

    @Override
    public DBusPath GetVmByName(String name) {
        List<VmView> all = sorted();
        return all.stream()
                .filter(vm -> vm.name().equals(name))
                .findFirst()
                .map(vm -> new DBusPath(BusNames.vmPath(vm.uuid())))
                .orElseThrow(() -> LgManagerErrors.notFound("no VM named '" + name + "' (known: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(VmView::name).toList())) + ")"));
    }

    @Override
    public UInt32 ComputeShmSize(UInt32 width, UInt32 height, boolean hdr, String formula) {
        try {
            return new UInt32(commands.computeShmSize((int) Math.min(width.longValue(), Integer.MAX_VALUE),
                    (int) Math.min(height.longValue(), Integer.MAX_VALUE), hdr, formula));
        } catch (VmCommandException e) {
            throw BusErrors.of(e);
        }
    }

    private List<VmView> sorted() {
        return vms.get().stream().sorted(Comparator.comparing(VmView::name)).toList();
    }
}
