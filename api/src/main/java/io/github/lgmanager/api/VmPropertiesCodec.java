// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.types.Variant;

/**
 * The properties of io.github.lgmanager1.Vm as a {@link VmView}: each property's name, D-Bus type and place in the
 * view is declared here once, for lg-daemon (encode, changed) and its clients (decode). VmPropertiesCodecTest holds
 * this list to the introspection XML, which documents what each property means.
 */
public final class VmPropertiesCodec {

    /** One read-only property: its name on the bus, its D-Bus type and the VmView component it carries. */
    public static final class Property<T> {
        private final String name;
        private final WireType<T> type;
        private final Function<VmView, T> value;

        private Property(String name, WireType<T> type, Function<VmView, T> value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        public String name() {
            return name;
        }

        public String signature() {
            return type.signature();
        }

        /** Every Vm property is read-only: the interface's methods change them. */
        public DBusProperty.Access access() {
            return DBusProperty.Access.READ;
        }

        public Variant<?> encode(VmView view) {
            return type.encode(value.apply(view));
        }

        private boolean differs(VmView a, VmView b) {
            return !Objects.equals(value.apply(a), value.apply(b));
        }

        private T read(Map<String, ? extends Variant<?>> properties, boolean strict) {
            Variant<?> variant = properties.get(name);
            T decoded = type.decode(variant);
            if (decoded != null) {
                return decoded;
            }
            if (strict) {
                throw new IllegalArgumentException("the Vm property '" + name + "' is " + (variant == null ? "missing"
                        : "not " + type.describe() + " but " + variant.getValue())
                        + ": is lg-daemon the same version as its callers?");
            }
            return type.empty();
        }
    }

    private static final List<Property<?>> ALL = new ArrayList<>();

    public static final Property<String> NAME = property("Name", WireType.STRING, VmView::name);
    public static final Property<String> UUID = property("Uuid", WireType.STRING, VmView::uuid);
    public static final Property<Boolean> RUNNING = property("Running", WireType.BOOLEAN, VmView::running);
    public static final Property<Boolean> ENABLED = property("Enabled", WireType.BOOLEAN, VmView::enabled);
    public static final Property<String> MODE = property("Mode", WireType.STRING, VmView::mode);
    public static final Property<String> SHM_PATH = property("ShmPath", WireType.STRING, VmView::shmPath);
    public static final Property<Long> SHM_SIZE_MIB = property("ShmSizeMiB", WireType.UINT32, VmView::shmSizeMiB);
    public static final Property<Long> REQUIRED_SIZE_MIB = property("RequiredSizeMiB", WireType.UINT32,
            VmView::requiredSizeMiB);
    public static final Property<Integer> WIDTH = property("Width", WireType.UINT32_INT, VmView::width);
    public static final Property<Integer> HEIGHT = property("Height", WireType.UINT32_INT, VmView::height);
    public static final Property<Boolean> HDR = property("Hdr", WireType.BOOLEAN, VmView::hdr);
    public static final Property<String> FORMULA = property("Formula", WireType.STRING, VmView::formula);
    public static final Property<List<String>> USERS = property("Users", WireType.STRINGS, VmView::users);
    public static final Property<List<String>> AUTO_OPEN_USERS = property("AutoOpenUsers", WireType.STRINGS,
            VmView::autoOpenUsers);
    public static final Property<List<String>> CLIENT_OPTIONS = property("ClientOptions", WireType.STRINGS,
            VmView::clientOptions);
    public static final Property<String> SPICE_HOST = property("SpiceHost", WireType.STRING, VmView::spiceHost);
    public static final Property<Integer> SPICE_PORT = property("SpicePort", WireType.INT32, VmView::spicePort);
    public static final Property<Boolean> ACL_APPLIED = property("AclApplied", WireType.BOOLEAN, VmView::aclApplied);
    public static final Property<String> LAST_ERROR = property("LastError", WireType.STRING, VmView::lastError);
    public static final Property<Boolean> PENDING_RESTART = property("PendingRestart", WireType.BOOLEAN,
            VmView::pendingRestart);

    private VmPropertiesCodec() {
    }

    private static <T> Property<T> property(String name, WireType<T> type, Function<VmView, T> value) {
        Property<T> property = new Property<>(name, type, value);
        ALL.add(property);
        return property;
    }

    /** Every property, in the order of the introspection XML. */
    public static List<Property<?>> properties() {
        return Collections.unmodifiableList(ALL);
    }

    /** GetAll's a{sv}. */
    public static Map<String, Variant<?>> encode(VmView view) {
        Map<String, Variant<?>> encoded = new LinkedHashMap<>();
        ALL.forEach(p -> encoded.put(p.name, p.encode(view)));
        return Collections.unmodifiableMap(encoded);
    }

    /** What PropertiesChanged announces: the properties whose values differ, encoded as in {@link #encode}. */
    public static Map<String, Variant<?>> changed(VmView before, VmView after) {
        Map<String, Variant<?>> changed = new LinkedHashMap<>();
        ALL.stream().filter(p -> p.differs(before, after)).forEach(p -> changed.put(p.name, p.encode(after)));
        return changed;
    }

    /**
     * The view GetAll describes. A missing or mistyped property is an IllegalArgumentException naming it (a daemon
     * of another version), not a ClassCastException.
     */
    public static VmView decode(Map<String, ? extends Variant<?>> properties) {
        return decode(properties, true);
    }

    /**
     * The view, reading a missing or mistyped property as empty ("", false, 0, no entries): for a client that
     * keeps showing what it can of a daemon of another version.
     */
    public static VmView decodeOrEmpty(Map<String, ? extends Variant<?>> properties) {
        return decode(properties, false);
    }

    private static VmView decode(Map<String, ? extends Variant<?>> p, boolean strict) {
        return new VmView(UUID.read(p, strict), NAME.read(p, strict), RUNNING.read(p, strict),
                ENABLED.read(p, strict), MODE.read(p, strict), SHM_PATH.read(p, strict), SHM_SIZE_MIB.read(p, strict),
                REQUIRED_SIZE_MIB.read(p, strict), WIDTH.read(p, strict), HEIGHT.read(p, strict),
                HDR.read(p, strict), FORMULA.read(p, strict), USERS.read(p, strict), AUTO_OPEN_USERS.read(p, strict),
                CLIENT_OPTIONS.read(p, strict), SPICE_HOST.read(p, strict), SPICE_PORT.read(p, strict),
                ACL_APPLIED.read(p, strict), LAST_ERROR.read(p, strict), PENDING_RESTART.read(p, strict));
    }
}
