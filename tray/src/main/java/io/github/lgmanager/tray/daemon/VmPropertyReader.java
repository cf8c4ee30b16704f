package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** Turns the daemon's Vm properties (GetAll's a{sv}) into a {@link VmView}; a missing or odd value reads as empty. */
public final class VmPropertyReader {
    private VmPropertyReader() {
    }

    public static VmView read(Map<String, Variant<?>> properties) {
        return new VmView(string(properties, "Uuid"),
                string(properties, "Name"),
                bool(properties, "Running"),
                bool(properties, "Enabled"),
                string(properties, "Mode"),
                string(properties, "ShmPath"),
                number(properties, "ShmSizeMiB"),
                number(properties, "RequiredSizeMiB"),
                number(properties, "Width"),
                number(properties, "Height"),
                bool(properties, "Hdr"),
                string(properties, "Formula"),
                strings(properties, "Users"),
                bool(properties, "AutoOpen"),
                strings(properties, "ClientOptions"),
                string(properties, "SpiceHost"),
                number(properties, "SpicePort"),
                bool(properties, "AclApplied"),
                string(properties, "LastError"),
                bool(properties, "PendingRestart"));
    }

    private static Object value(Map<String, Variant<?>> properties, String key) {
        Variant<?> v = properties.get(key);
        return v == null ? null : v.getValue();
    }

    private static String string(Map<String, Variant<?>> properties, String key) {
        return value(properties, key) instanceof String s ? s : "";
    }

    private static boolean bool(Map<String, Variant<?>> properties, String key) {
        return value(properties, key) instanceof Boolean b && b;
    }

    private static int number(Map<String, Variant<?>> properties, String key) {
        Object v = value(properties, key);
        if (v instanceof UInt32 u) {
            return u.intValue();
        }
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static List<String> strings(Map<String, Variant<?>> properties, String key) {
        Object v = value(properties, key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        } else if (v instanceof Object[] array) {
            for (Object item : array) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }
}
