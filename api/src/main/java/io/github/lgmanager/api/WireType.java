// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A D-Bus type as the contract's codecs use it: its signature, the Java value on our side and the value dbus-java
 * sends and hands back. Every Variant is built with the signature, because an empty list has no type of its own.
 */
final class WireType<T> {
    public static final WireType<String> STRING = new WireType<>("s", "a string", "", v -> v,
            w -> w instanceof String s ? s : null);
    public static final WireType<Boolean> BOOLEAN = new WireType<>("b", "a boolean", false, v -> v,
            w -> w instanceof Boolean b ? b : null);
    public static final WireType<Integer> INT32 = new WireType<>("i", "a 32-bit integer", 0, v -> v,
            w -> w instanceof Integer i ? i : null);
    /** u as a long, the whole range. */
    public static final WireType<Long> UINT32 = new WireType<>("u", "an unsigned 32-bit integer", 0L, UInt32::new,
            w -> w instanceof UInt32 u ? u.longValue() : null);
    /** u as an int, for values far below 2^31 (a resolution's side); a larger one does not read. */
    public static final WireType<Integer> UINT32_INT = new WireType<>("u", "an unsigned 32-bit integer", 0,
            v -> new UInt32(v), w -> w instanceof UInt32 u && u.longValue() <= Integer.MAX_VALUE ? u.intValue() : null);
    public static final WireType<List<String>> STRINGS = new WireType<>("as", "a string list", List.of(), List::copyOf,
            WireType::strings);

    private final String signature;
    private final String description;
    private final T empty;
    private final Function<T, Object> toWire;
    private final Function<Object, T> fromWire;

    private WireType(String signature, String description, T empty, Function<T, Object> toWire,
            Function<Object, T> fromWire) {
        this.signature = signature;
        this.description = description;
        this.empty = empty;
        this.toWire = toWire;
        this.fromWire = fromWire;
    }

    public String signature() {
        return signature;
    }

    /** For messages: "a string (s)". */
    public String describe() {
        return description + " (" + signature + ")";
    }

    /** What a client shows when the value is missing or unreadable: "", false, 0 or an empty list. */
    public T empty() {
        return empty;
    }

    public Variant<?> encode(T value) {
        return new Variant<>(toWire.apply(value), signature);
    }

    /** The value, or null when the variant is missing or holds another type. */
    public T decode(Variant<?> variant) {
        return variant == null || variant.getValue() == null ? null : fromWire.apply(variant.getValue());
    }

    // dbus-java hands an array inside a variant back as a List; an Object[] is accepted too, as the tray always did.
    private static List<String> strings(Object wire) {
        List<?> items = wire instanceof List<?> list ? list
                : wire instanceof Object[] array ? Arrays.asList(array) : null;
        if (items == null || !items.stream().allMatch(String.class::isInstance)) {
            return null;
        }
        return items.stream().map(String.class::cast).toList();
    }

    @Override
    public String toString() {
        return signature;
    }
}
