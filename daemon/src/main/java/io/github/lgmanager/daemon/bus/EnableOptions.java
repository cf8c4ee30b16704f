package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.core.vm.EnableRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.freedesktop.dbus.types.Variant;

/** Reads Enable's a{sv} options; an unknown key or a wrong type is an InvalidArgument that lists the valid ones. */
final class EnableOptions {
    private static final Set<String> STRINGS = Set.of("formula", "mode", "kvmfr_device", "shm_name");
    private static final Set<String> STRING_LISTS = Set.of("users", "client_options");
    private static final Set<String> BOOLEANS = Set.of("auto_open", "live", "with_spice", "with_virtio_input",
            "with_clipboard", "no_memballoon", "with_vga");

    private EnableOptions() {
    }

    static EnableRequest parse(long width, long height, boolean hdr, Map<String, Variant<?>> options) {
        for (Map.Entry<String, Variant<?>> option : options.entrySet()) {
            check(option.getKey(), option.getValue().getValue());
        }
        return new EnableRequest(dimension("width", width), dimension("height", height), hdr,
                string(options, "formula"), string(options, "mode"), string(options, "kvmfr_device"),
                string(options, "shm_name"), strings(options, "users"), bool(options, "auto_open"),
                strings(options, "client_options"), flag(options, "live"), flag(options, "with_spice"),
                flag(options, "with_virtio_input"), flag(options, "with_clipboard"), flag(options, "no_memballoon"),
                flag(options, "with_vga"));
    }

    private static void check(String key, Object value) {
        boolean ok = STRINGS.contains(key) ? value instanceof String
                : STRING_LISTS.contains(key) ? value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                : BOOLEANS.contains(key) ? value instanceof Boolean
                : unknown(key);
        if (!ok) {
            String expected = STRINGS.contains(key) ? "a string (s)" : STRING_LISTS.contains(key) ? "a string list (as)" : "a boolean (b)";
            throw LgManagerErrors.invalidArgument("option '" + key + "' must be " + expected);
        }
    }

    private static boolean unknown(String key) {
        Set<String> known = new TreeSet<>(STRINGS);
        known.addAll(STRING_LISTS);
        known.addAll(BOOLEANS);
        throw LgManagerErrors.invalidArgument("unknown option '" + key + "' (known: " + String.join(", ", known) + ")");
    }

    /** D-Bus gives u32 as long; a resolution side beyond int is nonsense and the core names the limits. */
    private static int dimension(String name, long value) {
        if (value > Integer.MAX_VALUE) {
            throw LgManagerErrors.invalidArgument(name + " " + value + " is out of range (at most 16384)");
        }
        return (int) value;
    }

    private static Optional<String> string(Map<String, Variant<?>> options, String key) {
        return Optional.ofNullable(options.get(key)).map(v -> (String) v.getValue());
    }

    private static Optional<Boolean> bool(Map<String, Variant<?>> options, String key) {
        return Optional.ofNullable(options.get(key)).map(v -> (Boolean) v.getValue());
    }

    private static boolean flag(Map<String, Variant<?>> options, String key) {
        return bool(options, key).orElse(false);
    }

    private static Optional<List<String>> strings(Map<String, Variant<?>> options, String key) {
        return Optional.ofNullable(options.get(key)).map(v -> ((List<?>) v.getValue()).stream().map(String.class::cast).toList());
    }
}
