// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import io.github.lgmanager.core.vm.EnableRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Enable's and PreviewEnable's arguments as an {@link EnableRequest}: each a{sv} option's key, D-Bus type and request
 * component is declared here once, for lg-admin (encode) and lg-daemon (decode). EnableOptionsCodecTest holds the
 * keys to the list documented in the introspection XML.
 */
public final class EnableOptionsCodec {

    /** One option. Absent means "keep the VM's setting" for a value and "no" for a flag. */
    public static final class Option<T> {
        private final String key;
        private final WireType<T> type;
        private final Function<EnableRequest, Optional<T>> value;

        private Option(String key, WireType<T> type, Function<EnableRequest, Optional<T>> value) {
            this.key = key;
            this.type = type;
            this.value = value;
        }

        public String key() {
            return key;
        }

        public String signature() {
            return type.signature();
        }

        private Optional<T> read(Map<String, Variant<?>> options) {
            return Optional.ofNullable(options.get(key)).map(type::decode);
        }
    }

    private static final List<Option<?>> ALL = new ArrayList<>();

    public static final Option<String> FORMULA = option("formula", WireType.STRING, EnableRequest::formula);
    public static final Option<String> MODE = option("mode", WireType.STRING, EnableRequest::mode);
    public static final Option<String> KVMFR_DEVICE = option("kvmfr_device", WireType.STRING,
            EnableRequest::kvmfrDevice);
    public static final Option<String> SHM_NAME = option("shm_name", WireType.STRING, EnableRequest::shmName);
    public static final Option<List<String>> USERS = option("users", WireType.STRINGS, EnableRequest::users);
    public static final Option<Boolean> AUTO_OPEN = option("auto_open", WireType.BOOLEAN, EnableRequest::autoOpen);
    public static final Option<List<String>> CLIENT_OPTIONS = option("client_options", WireType.STRINGS,
            EnableRequest::clientOptions);
    public static final Option<Boolean> LIVE = flag("live", EnableRequest::live);
    public static final Option<Boolean> WITH_SPICE = flag("with_spice", EnableRequest::withSpice);
    public static final Option<Boolean> WITH_VIRTIO_INPUT = flag("with_virtio_input", EnableRequest::withVirtioInput);
    public static final Option<Boolean> WITH_CLIPBOARD = flag("with_clipboard", EnableRequest::withClipboard);
    public static final Option<Boolean> NO_MEMBALLOON = flag("no_memballoon", EnableRequest::noMemballoon);
    public static final Option<Boolean> WITH_VGA = flag("with_vga", EnableRequest::withVga);

    private EnableOptionsCodec() {
    }

    private static <T> Option<T> option(String key, WireType<T> type, Function<EnableRequest, Optional<T>> value) {
        Option<T> option = new Option<>(key, type, value);
        ALL.add(option);
        return option;
    }

    /** A flag is sent only when set: false and absent mean the same. */
    private static Option<Boolean> flag(String key, Function<EnableRequest, Boolean> set) {
        return option(key, WireType.BOOLEAN, r -> set.apply(r) ? Optional.of(true) : Optional.empty());
    }

    public static List<Option<?>> options() {
        return Collections.unmodifiableList(ALL);
    }

    /** Enable's a{sv}: only what the request sets, so the daemon keeps the rest. */
    public static Map<String, Variant<?>> encode(EnableRequest request) {
        Map<String, Variant<?>> encoded = new LinkedHashMap<>();
        ALL.forEach(option -> put(encoded, option, request));
        return encoded;
    }

    private static <T> void put(Map<String, Variant<?>> encoded, Option<T> option, EnableRequest request) {
        option.value.apply(request).ifPresent(v -> encoded.put(option.key, option.type.encode(v)));
    }

    /**
     * The request Enable's arguments describe. An unknown key, a mistyped value or a side beyond 32 bits signed is
     * io.github.lgmanager1.Error.InvalidArgument, naming what is wrong (and the known keys).
     */
    public static EnableRequest decode(UInt32 width, UInt32 height, boolean hdr, Map<String, Variant<?>> options)
            throws DBusExecutionException {
        for (Map.Entry<String, Variant<?>> entry : options.entrySet()) {
            Option<?> option = ALL.stream().filter(o -> o.key.equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> unknown(entry.getKey()));
            if (option.type.decode(entry.getValue()) == null) {
                throw LgManagerErrors.invalidArgument("option '" + option.key + "' must be " + option.type.describe());
            }
        }
        return new EnableRequest(dimension("width", width), dimension("height", height), hdr, FORMULA.read(options),
                MODE.read(options), KVMFR_DEVICE.read(options), SHM_NAME.read(options), USERS.read(options),
                AUTO_OPEN.read(options), CLIENT_OPTIONS.read(options), flag(LIVE, options), flag(WITH_SPICE, options),
                flag(WITH_VIRTIO_INPUT, options), flag(WITH_CLIPBOARD, options), flag(NO_MEMBALLOON, options),
                flag(WITH_VGA, options));
    }

    private static boolean flag(Option<Boolean> flag, Map<String, Variant<?>> options) {
        return flag.read(options).orElse(false);
    }

    private static DBusExecutionException unknown(String key) {
        TreeSet<String> known = new TreeSet<>();
        ALL.forEach(o -> known.add(o.key));
        return LgManagerErrors.invalidArgument("unknown option '" + key + "' (known: " + String.join(", ", known)
                + ")");
    }

    /** A side beyond int is nonsense; the core names the real limits for the rest. */
    private static int dimension(String name, UInt32 value) {
        if (value.longValue() > Integer.MAX_VALUE) {
            throw LgManagerErrors.invalidArgument(name + " " + value + " is out of range (at most 16384)");
        }
        return value.intValue();
    }
}
