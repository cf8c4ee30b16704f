// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.EnableRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Enable's a{sv} keys are those the XML documents, with their types; a request survives the trip. */
class EnableOptionsCodecTest {
    /** One row of the key table in the comment on Enable's options argument: "key  type  meaning". */
    private static final Pattern ROW = Pattern.compile("^\\s+([a-z_]+)\\s+(s|b|as)\\s{2,}\\S.*$", Pattern.MULTILINE);

    private static final EnableRequest EVERYTHING = new EnableRequest(3840, 2160, true, Optional.of("idd"),
            Optional.of("kvmfr"), Optional.of("/dev/kvmfr1"), Optional.of("lg2"), Optional.of(List.of("alice", "bob")),
            Optional.of(false), Optional.of(List.of("egl:scale=2")), true, true, true, true, true, true);

    @Test
    void theCodecKnowsExactlyTheDocumentedKeysAndTypes() throws Exception {
        IntrospectionXml xml = IntrospectionXml.of(BusNames.VM_INTERFACE);
        String table = IntrospectionXml.comments(IntrospectionXml.arg(xml.method("Enable"), "options"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        Map<String, String> declared = new TreeMap<>();
        EnableOptionsCodec.options().forEach(o -> declared.put(o.key(), o.signature()));
        assertEquals(declared, documented, table);
    }

    @Test
    void previewEnableTakesTheSameArgumentsAsEnable() throws Exception {
        IntrospectionXml xml = IntrospectionXml.of(BusNames.VM_INTERFACE);
        List<String> enableIn = IntrospectionXml.children(xml.method("Enable"), "arg").stream()
                .filter(a -> a.getAttribute("direction").equals("in")).map(a -> a.getAttribute("name") + " "
                        + a.getAttribute("type")).toList();
        List<String> previewIn = IntrospectionXml.children(xml.method("PreviewEnable"), "arg").stream()
                .filter(a -> a.getAttribute("direction").equals("in")).map(a -> a.getAttribute("name") + " "
                        + a.getAttribute("type")).toList();
        assertEquals(List.of("width u", "height u", "hdr b", "options a{sv}"), enableIn);
        assertEquals(enableIn, previewIn);
    }

    @Test
    void aRequestWithEverySettingComesBackUnchanged() {
        Map<String, Variant<?>> sent = EnableOptionsCodec.encode(EVERYTHING);
        assertEquals(EnableOptionsCodec.options().size(), sent.size(), sent.toString());
        assertEquals(new Variant<>(List.of("alice", "bob"), "as"), sent.get("users"));
        assertEquals(EVERYTHING, EnableOptionsCodec.decode(new UInt32(3840), new UInt32(2160), true, sent));
    }

    @Test
    void aBareRequestSendsNoOptionsSoTheDaemonKeepsTheVmsSettings() {
        EnableRequest bare = EnableRequest.of(1920, 1080, false);
        assertEquals(Map.of(), EnableOptionsCodec.encode(bare));
        assertEquals(bare, EnableOptionsCodec.decode(new UInt32(1920), new UInt32(1080), false, Map.of()));
    }

    @Test
    void aFlagSentAsFalseIsNotSet() {
        EnableRequest r = EnableOptionsCodec.decode(new UInt32(1920), new UInt32(1080), false,
                Map.of("live", new Variant<>(false)));
        assertEquals(EnableRequest.of(1920, 1080, false), r);
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() {
        assertInvalid("unknown option 'sparkle' (known: auto_open, client_options, formula, kvmfr_device, live, mode,"
                + " no_memballoon, shm_name, users, with_clipboard, with_spice, with_vga, with_virtio_input)",
                () -> EnableOptionsCodec.decode(new UInt32(1), new UInt32(1), false, Map.of("sparkle", new Variant<>(true))));
    }

    @Test
    void aValueOfAnotherTypeIsRefusedWithTheTypeExpected() {
        assertInvalid("option 'users' must be a string list (as)", () -> EnableOptionsCodec.decode(new UInt32(1),
                new UInt32(1), false, Map.of("users", new Variant<>("alice"))));
        assertInvalid("option 'live' must be a boolean (b)", () -> EnableOptionsCodec.decode(new UInt32(1),
                new UInt32(1), false, Map.of("live", new Variant<>("yes"))));
    }

    @Test
    void aSideBeyondAnIntIsRefused() {
        assertInvalid("width 4294967295 is out of range (at most 16384)", () -> EnableOptionsCodec.decode(
                new UInt32(4294967295L), new UInt32(1080), false, Map.of()));
    }

    private static void assertInvalid(String message, Executable decode) {
        DBusExecutionException e = assertThrows(DBusExecutionException.class, decode);
        assertEquals(LgManagerErrors.INVALID_ARGUMENT, LgManagerErrors.nameOf(e));
        assertTrue(e.getMessage().equals(message), e.getMessage());
    }
}
