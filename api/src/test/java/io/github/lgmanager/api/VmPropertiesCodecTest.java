// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lgmanager.core.vm.VmView;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.freedesktop.dbus.Marshalling;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The Vm properties the codec sends and reads are exactly those io.github.lgmanager1.Vm.xml documents. */
class VmPropertiesCodecTest {

    /** Every component differs from its type's empty value, and from the other components of its type. */
    static final VmView VIEW = new VmView("6b2f7a0e-1c1d-4c43-9c6a-2f1e0c0b9d01", "win11", true, true, "kvmfr",
            "/dev/kvmfr0", 128, 256, 3840, 2160, true, "idd", List.of("alice", "bob"), List.of("bob"), List.of("egl:scale=2"),
            "/run/libvirt/qemu/spice.sock", 5901, true, "cannot open /dev/kvmfr0", true);

    /** name -> "type access", as the XML and the codec each declare it. */
    private static Map<String, String> documented() throws Exception {
        Map<String, String> properties = new TreeMap<>();
        for (Element p : IntrospectionXml.of(BusNames.VM_INTERFACE).properties()) {
            properties.put(p.getAttribute("name"), p.getAttribute("type") + " " + p.getAttribute("access"));
        }
        return properties;
    }

    @Test
    void theCodecDeclaresExactlyTheDocumentedNamesTypesAndAccess() throws Exception {
        Map<String, String> declared = new TreeMap<>();
        VmPropertiesCodec.properties()
                .forEach(p -> declared.put(p.name(), p.signature() + " " + p.access().getAccessName()));
        assertEquals(documented(), declared);
    }

    @Test
    void theJavaInterfaceExportsExactlyTheDocumentedProperties() throws Exception {
        Map<String, String> annotated = new TreeMap<>();
        for (DBusProperty p : Vm.class.getAnnotationsByType(DBusProperty.class)) {
            annotated.put(p.name(), signature(p.type()) + " " + p.access().getAccessName());
        }
        assertEquals(documented(), annotated);
    }

    /** A TypeRef stands for its type argument, as dbus-java reads it when it exports the property. */
    private static String signature(Class<?> type) throws Exception {
        Type actual = type;
        if (TypeRef.class.isAssignableFrom(type)) {
            actual = ((ParameterizedType) type.getGenericInterfaces()[0]).getActualTypeArguments()[0];
        }
        return String.join("", Marshalling.getDBusType(actual));
    }

    @Test
    void everyValueIsSentWithItsDocumentedSignatureEvenAnEmptyList() throws Exception {
        VmView noUsers = new VmView("u", "lab", false, false, "shm", "", 0, 0, 0, 0, false, "b7", List.of(), List.of(),
                List.of(), "", 0, false, "", false);
        Map<String, String> sent = new TreeMap<>();
        VmPropertiesCodec.encode(noUsers).forEach((name, value) -> sent.put(name, value.getSig() + " read"));
        assertEquals(documented(), sent);
    }

    @Test
    void aViewComesBackFromItsPropertiesUnchanged() {
        Map<String, Variant<?>> encoded = VmPropertiesCodec.encode(VIEW);
        assertEquals(new Variant<>(new UInt32(3840)), encoded.get("Width"));
        assertEquals(new Variant<>(5901), encoded.get("SpicePort"));
        assertEquals(VIEW, VmPropertiesCodec.decode(encoded));
        assertEquals(VIEW, VmPropertiesCodec.decodeOrEmpty(encoded));
    }

    @Test
    void aMissingPropertyIsNamedNotACastFailure() {
        Map<String, Variant<?>> encoded = new HashMap<>(VmPropertiesCodec.encode(VIEW));
        encoded.remove("ShmSizeMiB");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VmPropertiesCodec.decode(encoded));
        assertEquals("the Vm property 'ShmSizeMiB' is missing: is lg-daemon the same version as its callers?",
                e.getMessage());
    }

    @Test
    void aMistypedPropertyIsNamedWithWhatCame() {
        Map<String, Variant<?>> encoded = new HashMap<>(VmPropertiesCodec.encode(VIEW));
        encoded.put("Width", new Variant<>(3840));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VmPropertiesCodec.decode(encoded));
        assertEquals("the Vm property 'Width' is not an unsigned 32-bit integer (u) but 3840: is lg-daemon the same"
                + " version as its callers?", e.getMessage());
    }

    @Test
    void aLenientReadShowsMissingAndOddValuesAsEmpty() {
        VmView partial = VmPropertiesCodec.decodeOrEmpty(Map.of("Name", new Variant<>("win11"),
                "Running", new Variant<>("yes"), "Users", new Variant<>(List.of("alice"), "as"),
                "Width", new Variant<>(new UInt32(1L << 31))));
        assertEquals(new VmView("", "win11", false, false, "", "", 0, 0, 0, 0, false, "", List.of("alice"), List.of(),
                List.of(), "", 0, false, "", false), partial);
    }

    @Test
    void propertiesChangedCarriesOnlyWhatDiffers() {
        VmView started = new VmView(VIEW.uuid(), VIEW.name(), VIEW.running(), VIEW.enabled(), VIEW.mode(),
                VIEW.shmPath(), VIEW.shmSizeMiB(), VIEW.requiredSizeMiB(), VIEW.width(), VIEW.height(), VIEW.hdr(),
                VIEW.formula(), List.of("alice"), VIEW.autoOpenUsers(), VIEW.clientOptions(), VIEW.spiceHost(), 5902,
                VIEW.aclApplied(), VIEW.lastError(), VIEW.pendingRestart());

        Map<String, Variant<?>> changed = VmPropertiesCodec.changed(VIEW, started);

        assertEquals(Map.of("Users", new Variant<>(List.of("alice"), "as"), "SpicePort", new Variant<>(5902)), changed);
        assertEquals(Map.of(), VmPropertiesCodec.changed(VIEW, VIEW));
        assertNotEquals(VmPropertiesCodec.encode(VIEW), VmPropertiesCodec.encode(started));
    }
}
