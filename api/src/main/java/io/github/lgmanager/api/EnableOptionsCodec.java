// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/**
 * The a{sv} of Enable, PreviewEnable, Configure and Disable as an {@link EnableRequest} or a {@link SettingsChange}: each
 * key's D-Bus type and request component is declared here once, for lg-admin and lg-tray (encode) and lg-daemon
 * (decode). EnableOptionsCodecTest holds the keys to the tables documented in the introspection XML.
 */
public final class EnableOptionsCodec {

    /** One option. Absent means "keep the VM's setting" for a value and "no" for a flag. */
    public static final class Option<R, T> {
        private final String key;
        private final WireType<T> type;
        private final Function<R, Optional<T>> value;

        private Option(String key, WireType<T> type, Function<R, Optional<T>> value) {
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

        private boolean accepts(Variant<?> variant) {
            return type.decode(variant) != null;
        }

        private String describeType() {
            return type.describe();
        }

        private Optional<T> read(Map<String, Variant<?>> options) {
            return Optional.ofNullable(options.get(key)).map(type::decode);
        }

        private void put(Map<String, Variant<?>> encoded, R request) {
            value.apply(request).ifPresent(v -> encoded.put(key, type.encode(v)));
        }
    }

    private static final List<Option<SettingsChange, ?>> SETTINGS = new ArrayList<>();
    private static final List<Option<EnableRequest, ?>> ENABLE_ONLY = new ArrayList<>();

    public static final Option<SettingsChange, Integer> WIDTH = setting("width", WireType.UINT32_INT, SettingsChange::width);
    public static final Option<SettingsChange, Integer> HEIGHT = setting("height", WireType.UINT32_INT, SettingsChange::height);
    public static final Option<SettingsChange, Boolean> HDR = setting("hdr", WireType.BOOLEAN, SettingsChange::hdr);
    public static final Option<SettingsChange, String> FORMULA = setting("formula", WireType.STRING, SettingsChange::formula);
    public static final Option<SettingsChange, List<String>> USERS = setting("users", WireType.STRINGS, SettingsChange::users);
    public static final Option<SettingsChange, List<String>> ADD_USERS = setting("add_users", WireType.STRINGS,
            c -> nonEmpty(c.addUsers()));
    public static final Option<SettingsChange, List<String>> REMOVE_USERS = setting("remove_users", WireType.STRINGS,
            c -> nonEmpty(c.removeUsers()));
    public static final Option<SettingsChange, List<String>> CLIENT_OPTIONS = setting("client_options",
            WireType.STRINGS, SettingsChange::clientOptions);
    public static final Option<SettingsChange, List<String>> ADD_CLIENT_OPTIONS = setting("add_client_options",
            WireType.STRINGS, c -> nonEmpty(c.addClientOptions()));
    public static final Option<SettingsChange, List<String>> REMOVE_CLIENT_OPTIONS = setting("remove_client_options",
            WireType.STRINGS, c -> nonEmpty(c.removeClientOptions()));
    public static final Option<SettingsChange, Boolean> CLEAR_CLIENT_OPTIONS = setting("clear_client_options",
            WireType.BOOLEAN, c -> c.clearClientOptions() ? Optional.of(true) : Optional.empty());
    public static final Option<SettingsChange, Boolean> AUTO_OPEN = setting("auto_open", WireType.BOOLEAN,
            SettingsChange::autoOpen);
    public static final Option<SettingsChange, String> AUTO_OPEN_USER = setting("auto_open_user", WireType.STRING,
            SettingsChange::autoOpenUser);

    public static final Option<EnableRequest, String> MODE = enableOnly("mode", WireType.STRING, EnableRequest::mode);
    public static final Option<EnableRequest, String> KVMFR_DEVICE = enableOnly("kvmfr_device", WireType.STRING,
            EnableRequest::kvmfrDevice);
    public static final Option<EnableRequest, String> SHM_NAME = enableOnly("shm_name", WireType.STRING,
            EnableRequest::shmName);
    public static final Option<EnableRequest, List<String>> INITIAL_USERS = enableOnly("initial_users",
            WireType.STRINGS, EnableRequest::initialUsers);
    public static final Option<EnableRequest, Boolean> LIVE = flag("live", EnableRequest::live);
    public static final Option<EnableRequest, Boolean> WITH_SPICE = flag("with_spice", EnableRequest::withSpice);
    public static final Option<EnableRequest, Boolean> WITH_VIRTIO_INPUT = flag("with_virtio_input",
            EnableRequest::withVirtioInput);
    public static final Option<EnableRequest, Boolean> WITH_CLIPBOARD = flag("with_clipboard",
            EnableRequest::withClipboard);
    public static final Option<EnableRequest, Boolean> NO_MEMBALLOON = flag("no_memballoon", EnableRequest::noMemballoon);
    public static final Option<EnableRequest, Boolean> WITH_VGA = flag("with_vga", EnableRequest::withVga);

    private static final String FORGET = "forget";

    private EnableOptionsCodec() {
    }

    private static <T> Option<SettingsChange, T> setting(String key, WireType<T> type,
            Function<SettingsChange, Optional<T>> value) {
        Option<SettingsChange, T> option = new Option<>(key, type, value);
        SETTINGS.add(option);
        return option;
    }

    private static <T> Option<EnableRequest, T> enableOnly(String key, WireType<T> type,
            Function<EnableRequest, Optional<T>> value) {
        Option<EnableRequest, T> option = new Option<>(key, type, value);
        ENABLE_ONLY.add(option);
        return option;
    }

    /** A flag is sent only when set: false and absent mean the same. */
    private static Option<EnableRequest, Boolean> flag(String key, Function<EnableRequest, Boolean> set) {
        return enableOnly(key, WireType.BOOLEAN, r -> set.apply(r) ? Optional.of(true) : Optional.empty());
    }

    private static Optional<List<String>> nonEmpty(List<String> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list);
    }

    /** Configure's keys (Enable takes them too). */
    public static List<Option<SettingsChange, ?>> settingsOptions() {
        return Collections.unmodifiableList(SETTINGS);
    }

    /** The keys only Enable takes. */
    public static List<Option<EnableRequest, ?>> enableOnlyOptions() {
        return Collections.unmodifiableList(ENABLE_ONLY);
    }

    /** How a conflict names a part of the change: by its key. */
    public static String keyOf(SettingsChange.Part part) {
        return switch (part) {
            case USERS -> USERS.key;
            case ADD_USERS -> ADD_USERS.key;
            case REMOVE_USERS -> REMOVE_USERS.key;
            case CLIENT_OPTIONS -> CLIENT_OPTIONS.key;
            case ADD_CLIENT_OPTIONS -> ADD_CLIENT_OPTIONS.key;
            case REMOVE_CLIENT_OPTIONS -> REMOVE_CLIENT_OPTIONS.key;
            case CLEAR_CLIENT_OPTIONS -> CLEAR_CLIENT_OPTIONS.key;
            case WIDTH -> WIDTH.key;
            case HEIGHT -> HEIGHT.key;
        };
    }

    /** Enable's a{sv}: only what the request sets, so the daemon keeps the rest. */
    public static Map<String, Variant<?>> encode(EnableRequest request) {
        Map<String, Variant<?>> encoded = encode(request.settings());
        ENABLE_ONLY.forEach(option -> option.put(encoded, request));
        return encoded;
    }

    /** Configure's a{sv}: only what the change sets. */
    public static Map<String, Variant<?>> encode(SettingsChange change) {
        Map<String, Variant<?>> encoded = new LinkedHashMap<>();
        SETTINGS.forEach(option -> option.put(encoded, change));
        return encoded;
    }

    /** Enable's options for a resolution, over the others given: for callers that always pick one. */
    public static Map<String, Variant<?>> sized(int width, int height, boolean hdr, Map<String, Variant<?>> others) {
        Map<String, Variant<?>> options = new LinkedHashMap<>(others);
        options.putAll(encode(SettingsChange.NONE.withResolution(width, height, Optional.of(hdr))));
        return options;
    }

    /**
     * The request Enable's options describe. An unknown key, a mistyped value or conflicting keys are
     * io.github.lgmanager1.Error.InvalidArgument, naming what is wrong (and the known keys).
     */
    public static EnableRequest decodeEnable(Map<String, Variant<?>> options) throws DBusExecutionException {
        check(options, true);
        SettingsChange change = change(options);
        return new EnableRequest(change, MODE.read(options), KVMFR_DEVICE.read(options), SHM_NAME.read(options),
                INITIAL_USERS.read(options), flag(LIVE, options), flag(WITH_SPICE, options),
                flag(WITH_VIRTIO_INPUT, options), flag(WITH_CLIPBOARD, options), flag(NO_MEMBALLOON, options),
                flag(WITH_VGA, options));
    }

    /** The change Configure's options describe; Enable's own keys are refused, saying so. */
    public static SettingsChange decodeConfigure(Map<String, Variant<?>> options) throws DBusExecutionException {
        check(options, false);
        return change(options);
    }

    /** Disable's a{sv}: "forget" (b) also removes the settings kept for the next enable. */
    public static Map<String, Variant<?>> encodeDisable(boolean forget) {
        return forget ? Map.of(FORGET, new Variant<>(true)) : Map.of();
    }

    public static boolean decodeForget(Map<String, Variant<?>> options) throws DBusExecutionException {
        for (Map.Entry<String, Variant<?>> entry : options.entrySet()) {
            if (!entry.getKey().equals(FORGET)) {
                throw LgManagerErrors.invalidArgument("unknown option '" + entry.getKey() + "' (known: " + FORGET + ")");
            }
            if (WireType.BOOLEAN.decode(entry.getValue()) == null) {
                throw LgManagerErrors.invalidArgument("option '" + FORGET + "' must be " + WireType.BOOLEAN.describe());
            }
        }
        return options.containsKey(FORGET) && WireType.BOOLEAN.decode(options.get(FORGET));
    }

    private static SettingsChange change(Map<String, Variant<?>> options) {
        SettingsChange change = new SettingsChange(WIDTH.read(options), HEIGHT.read(options), HDR.read(options),
                FORMULA.read(options), USERS.read(options), list(ADD_USERS, options), list(REMOVE_USERS, options),
                CLIENT_OPTIONS.read(options), list(ADD_CLIENT_OPTIONS, options), list(REMOVE_CLIENT_OPTIONS, options),
                CLEAR_CLIENT_OPTIONS.read(options).orElse(false), AUTO_OPEN.read(options), AUTO_OPEN_USER.read(options));
        change.conflict(EnableOptionsCodec::keyOf).ifPresent(problem -> {
            throw LgManagerErrors.invalidArgument(problem);
        });
        return change;
    }

    private static void check(Map<String, Variant<?>> options, boolean enable) {
        for (Map.Entry<String, Variant<?>> entry : options.entrySet()) {
            Option<?, ?> option = find(SETTINGS, entry.getKey());
            if (option == null) {
                option = find(ENABLE_ONLY, entry.getKey());
                if (option != null && !enable) {
                    throw LgManagerErrors.invalidArgument("option '" + entry.getKey() + "' is for Enable only");
                }
            }
            if (option == null) {
                throw unknown(entry.getKey(), enable);
            }
            if (!option.accepts(entry.getValue())) {
                throw LgManagerErrors.invalidArgument("option '" + option.key() + "' must be " + option.describeType());
            }
        }
    }

    private static Option<?, ?> find(List<? extends Option<?, ?>> options, String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst().orElse(null);
    }

    private static List<String> list(Option<SettingsChange, List<String>> option, Map<String, Variant<?>> options) {
        return option.read(options).orElse(List.of());
    }

    private static boolean flag(Option<EnableRequest, Boolean> flag, Map<String, Variant<?>> options) {
        return flag.read(options).orElse(false);
    }

    private static DBusExecutionException unknown(String key, boolean enable) {
        TreeSet<String> known = new TreeSet<>();
        SETTINGS.forEach(o -> known.add(o.key));
        if (enable) {
            ENABLE_ONLY.forEach(o -> known.add(o.key));
        }
        return LgManagerErrors.invalidArgument("unknown option '" + key + "' (known: " + String.join(", ", known)
                + ")");
    }
}
