// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lgmanager.core.vm.VmView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --json output: valid JSON, keys in a fixed order, strings escaped. */
class JsonTest {

    @Test
    void writesNestedValuesInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(true, "x"));
        m.put("n", null);
        m.put("l", 5_000_000_000L);
        assertEquals("{\"b\":1,\"a\":[true,\"x\"],\"n\":null,\"l\":5000000000}", Json.write(m));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\t\"", Json.write("a\"b\\c\nd\u0001\t"));
    }

    @Test
    void emptyCollections() {
        assertEquals("[]", Json.write(List.of()));
        assertEquals("{}", Json.write(Map.of()));
        assertEquals("[null]", Json.write(Arrays.asList((Object) null)));
    }

    @Test
    void refusesTypesWithoutAJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void aVmHasTheDocumentedKeys() {
        VmView vm = new VmView("u-1", "win11", true, true, "shm", "/dev/shm/looking-glass", 32, 32, 1920, 1080, false,
                "b7", List.of("alice"), List.of("alice"), List.of("egl:scale=2"), "127.0.0.1", 5900, true, "", false);
        assertEquals("{\"name\":\"win11\",\"uuid\":\"u-1\",\"running\":true,\"lookingGlass\":true,\"mode\":\"shm\","
                + "\"shmPath\":\"/dev/shm/looking-glass\",\"shmSizeMiB\":32,\"requiredSizeMiB\":32,\"width\":1920,"
                + "\"height\":1080,\"hdr\":false,\"formula\":\"b7\",\"users\":[\"alice\"],\"autoOpenUsers\":[\"alice\"],"
                + "\"clientOptions\":[\"egl:scale=2\"],\"aclApplied\":true,\"spiceHost\":\"127.0.0.1\",\"spicePort\":5900,"
                + "\"pendingRestart\":false,\"lastError\":\"\"}", Json.write(VmJson.of(vm)));
    }
}
