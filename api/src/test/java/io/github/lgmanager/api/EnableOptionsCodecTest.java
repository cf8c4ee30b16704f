// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
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

/** The a{sv} keys are those the XML documents, with their types; a request survives the trip; conflicts are refused. */
class EnableOptionsCodecTest {
    /** One row of a key table in the comment on an options argument: "key  type  meaning". */
    private static final Pattern ROW = Pattern.compile("^\\s+([a-z_]+)\\s+(s|b|u|as)\\s{2,}\\S.*$", Pattern.MULTILINE);

    private static final SettingsChange EVERY_CHANGE = new SettingsChange(Optional.of(3840), Optional.of(2160),
            Optional.of(true), Optional.of("idd"), Optional.empty(), List.of("carol"), List.of("bob"), Optional.empty(),
            List.of("egl:scale=2"), List.of("win:title"), false, Optional.of(false), Optional.of("alice"));

    private static final EnableRequest EVERYTHING = new EnableRequest(EVERY_CHANGE, Optional.of("kvmfr"),
            Optional.of("/dev/kvmfr1"), Optional.of("lg2"), Optional.of(List.of("alice")), true, true, true, true, true,
            true);

    private static Map<String, String> documented(String method, String arg) throws Exception {
        IntrospectionXml xml = IntrospectionXml.of(BusNames.VM_INTERFACE);
        String table = IntrospectionXml.comments(IntrospectionXml.arg(xml.method(method), arg));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        return documented;
    }

    @Test
    void theCodecKnowsExactlyTheDocumentedKeysAndTypes() throws Exception {
        Map<String, String> settings = new TreeMap<>();
        EnableOptionsCodec.settingsOptions().forEach(o -> settings.put(o.key(), o.signature()));
        assertEquals(settings, documented("Configure", "changes"));
        Map<String, String> enableOnly = new TreeMap<>();
        EnableOptionsCodec.enableOnlyOptions().forEach(o -> enableOnly.put(o.key(), o.signature()));
        assertEquals(enableOnly, documented("Enable", "options"));
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
        assertEquals(List.of("options a{sv}"), enableIn);
        assertEquals(enableIn, previewIn);
    }

    @Test
    void aRequestWithEverySettingComesBackUnchanged() {
        Map<String, Variant<?>> sent = EnableOptionsCodec.encode(EVERYTHING);
        // every key but users, client_options and clear_client_options, which the edits above exclude
        assertEquals(EnableOptionsCodec.settingsOptions().size() - 3 + EnableOptionsCodec.enableOnlyOptions().size(),
                sent.size(), sent.toString());
        assertEquals(new Variant<>(List.of("carol"), "as"), sent.get("add_users"));
        assertEquals(new Variant<>(new UInt32(3840), "u"), sent.get("width"));
        assertEquals(EVERYTHING, EnableOptionsCodec.decodeEnable(sent));
        SettingsChange replace = SettingsChange.NONE.withUsers(Optional.of(List.of()))
                .withClientOptions(Optional.of(List.of()));
        assertEquals(replace, EnableOptionsCodec.decodeConfigure(EnableOptionsCodec.encode(replace)));
    }

    @Test
    void aBareRequestSendsNoOptionsSoTheDaemonKeepsEveryValue() {
        assertEquals(Map.of(), EnableOptionsCodec.encode(EnableRequest.KEEP_ALL));
        assertEquals(EnableRequest.KEEP_ALL, EnableOptionsCodec.decodeEnable(Map.of()));
        assertEquals(SettingsChange.NONE, EnableOptionsCodec.decodeConfigure(Map.of()));
    }

    @Test
    void aFlagSentAsFalseIsNotSet() {
        assertEquals(EnableRequest.KEEP_ALL, EnableOptionsCodec.decodeEnable(Map.of("live", new Variant<>(false))));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() {
        assertInvalid("unknown option 'sparkle' (known: add_client_options, add_users, auto_open, auto_open_user,"
                + " clear_client_options, client_options, formula, hdr, height, initial_users, kvmfr_device, live, mode,"
                + " no_memballoon, remove_client_options, remove_users, shm_name, users, width, with_clipboard,"
                + " with_spice, with_vga, with_virtio_input)",
                () -> EnableOptionsCodec.decodeEnable(Map.of("sparkle", new Variant<>(true))));
        assertInvalid("option 'mode' is for Enable only",
                () -> EnableOptionsCodec.decodeConfigure(Map.of("mode", new Variant<>("shm"))));
        assertInvalid("unknown option 'purge' (known: forget)",
                () -> EnableOptionsCodec.decodeForget(Map.of("purge", new Variant<>(true))));
    }

    @Test
    void aValueOfAnotherTypeIsRefusedWithTheTypeExpected() {
        assertInvalid("option 'users' must be a string list (as)",
                () -> EnableOptionsCodec.decodeEnable(Map.of("users", new Variant<>("alice"))));
        assertInvalid("option 'live' must be a boolean (b)",
                () -> EnableOptionsCodec.decodeEnable(Map.of("live", new Variant<>("yes"))));
        assertInvalid("option 'width' must be an unsigned 32-bit integer (u)",
                () -> EnableOptionsCodec.decodeEnable(Map.of("width", new Variant<>(new UInt32(4294967295L)))));
    }

    @Test
    void contradictingKeysAreRefusedNamingBoth() {
        assertInvalid("users and add_users cannot be combined: the first replaces the whole list",
                () -> EnableOptionsCodec.decodeConfigure(Map.of("users", new Variant<>(List.of("a"), "as"),
                        "add_users", new Variant<>(List.of("b"), "as"))));
        assertInvalid("add_users and remove_users both name 'bob': say which you mean",
                () -> EnableOptionsCodec.decodeConfigure(Map.of("add_users", new Variant<>(List.of("bob"), "as"),
                        "remove_users", new Variant<>(List.of("bob"), "as"))));
        assertInvalid("width and height go together: give both or neither",
                () -> EnableOptionsCodec.decodeEnable(Map.of("width", new Variant<>(new UInt32(1920)))));
    }

    @Test
    void disableForgetsOnlyWhenAsked() {
        assertTrue(EnableOptionsCodec.decodeForget(EnableOptionsCodec.encodeDisable(true)));
        assertEquals(Map.of(), EnableOptionsCodec.encodeDisable(false));
        assertTrue(!EnableOptionsCodec.decodeForget(Map.of()));
    }

    private static void assertInvalid(String message, Executable decode) {
        DBusExecutionException e = assertThrows(DBusExecutionException.class, decode);
        assertEquals(LgManagerErrors.INVALID_ARGUMENT, LgManagerErrors.nameOf(e));
        assertTrue(e.getMessage().equals(message), e.getMessage());
    }
}
