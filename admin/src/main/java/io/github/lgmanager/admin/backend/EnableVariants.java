package io.github.lgmanager.admin.backend;

import io.github.lgmanager.core.vm.EnableRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/** An EnableRequest as the a{sv} options of io.github.lgmanager1.Vm.Enable (keys documented in its XML). */
public final class EnableVariants {
    private EnableVariants() {
    }

    /** Enable's a{sv}: only what the request sets, so the daemon keeps the rest. */
    public static Map<String, Variant<?>> of(EnableRequest r) {
        Map<String, Variant<?>> o = new LinkedHashMap<>();
        r.formula().ifPresent(v -> o.put("formula", new Variant<>(v)));
        r.mode().ifPresent(v -> o.put("mode", new Variant<>(v)));
        r.kvmfrDevice().ifPresent(v -> o.put("kvmfr_device", new Variant<>(v)));
        r.shmName().ifPresent(v -> o.put("shm_name", new Variant<>(v)));
        r.users().ifPresent(v -> o.put("users", new Variant<>(v, "as")));
        r.autoOpen().ifPresent(v -> o.put("auto_open", new Variant<>(v)));
        r.clientOptions().ifPresent(v -> o.put("client_options", new Variant<>(v, "as")));
        flag(o, "live", r.live());
        flag(o, "with_spice", r.withSpice());
        flag(o, "with_virtio_input", r.withVirtioInput());
        flag(o, "with_clipboard", r.withClipboard());
        flag(o, "no_memballoon", r.noMemballoon());
        flag(o, "with_vga", r.withVga());
        return o;
    }

    private static void flag(Map<String, Variant<?>> o, String key, boolean value) {
        if (value) {
            o.put(key, new Variant<>(true));
        }
    }

}
