package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.core.vm.VmView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** A VM snapshot as the Vm interface's properties, with explicit D-Bus signatures (an empty list has no type). */
final class VmProperties {
    private VmProperties() {
    }

    static Map<String, Variant<?>> of(VmView vm) {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Name", new Variant<>(vm.name()));
        p.put("Uuid", new Variant<>(vm.uuid()));
        p.put("Running", new Variant<>(vm.running()));
        p.put("Enabled", new Variant<>(vm.enabled()));
        p.put("Mode", new Variant<>(vm.mode()));
        p.put("ShmPath", new Variant<>(vm.shmPath()));
        p.put("ShmSizeMiB", new Variant<>(new UInt32(vm.shmSizeMiB())));
        p.put("RequiredSizeMiB", new Variant<>(new UInt32(vm.requiredSizeMiB())));
        p.put("Width", new Variant<>(new UInt32(vm.width())));
        p.put("Height", new Variant<>(new UInt32(vm.height())));
        p.put("Hdr", new Variant<>(vm.hdr()));
        p.put("Formula", new Variant<>(vm.formula()));
        p.put("Users", strings(vm.users()));
        p.put("AutoOpen", new Variant<>(vm.autoOpen()));
        p.put("ClientOptions", strings(vm.clientOptions()));
        p.put("SpiceHost", new Variant<>(vm.spiceHost()));
        p.put("SpicePort", new Variant<>(vm.spicePort()));
        p.put("AclApplied", new Variant<>(vm.aclApplied()));
        p.put("LastError", new Variant<>(vm.lastError()));
        p.put("PendingRestart", new Variant<>(vm.pendingRestart()));
        return p;
    }

    /** The entries of {@code after} whose values differ from {@code before}. */
    static Map<String, Variant<?>> changed(Map<String, Variant<?>> before, Map<String, Variant<?>> after) {
        Map<String, Variant<?>> changed = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            Variant<?> old = before.get(name);
            if (old == null || !old.getValue().equals(value.getValue())) {
                changed.put(name, value);
            }
        });
        return changed;
    }

    private static Variant<?> strings(List<String> values) {
        return new Variant<>(values, "as");
    }
}
