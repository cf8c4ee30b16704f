// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraySettingsTest {
    private static final Path FILE = Path.of("/home/alice/.config/lg-manager/tray.properties");

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        assertEquals(TraySettings.DEFAULTS, TraySettings.parse("", FILE));
        assertEquals("looking-glass-client", TraySettings.DEFAULTS.viewer());
    }

    @Test
    void allKeysAreRead() throws Exception {
        TraySettings s = TraySettings.parse("""
                # mine
                viewer = /opt/lg/looking-glass-client
                viewer_options = win:fullScreen=yes  input:grabKeyboard=no
                close_on_display_closed = false
                """, FILE);
        assertEquals(new TraySettings("/opt/lg/looking-glass-client", List.of("win:fullScreen=yes", "input:grabKeyboard=no"), false), s);
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        var unknown = assertThrows(TraySettings.InvalidSettingsException.class, () -> TraySettings.parse("veiwer=x", FILE));
        assertTrue(unknown.getMessage().contains("unknown key 'veiwer'") && unknown.getMessage().contains(FILE.toString()), unknown.getMessage());
        var bool = assertThrows(TraySettings.InvalidSettingsException.class, () -> TraySettings.parse("close_on_display_closed=yes", FILE));
        assertTrue(bool.getMessage().contains("true or false"), bool.getMessage());
        var empty = assertThrows(TraySettings.InvalidSettingsException.class, () -> TraySettings.parse("viewer=", FILE));
        assertTrue(empty.getMessage().contains("viewer is empty"), empty.getMessage());
    }

    @Test
    void theFileFollowsXdgConfigHome() {
        assertEquals(Path.of("/x/lg-manager/tray.properties"), TraySettings.file(Map.of("XDG_CONFIG_HOME", "/x"), "/home/a"));
        assertEquals(Path.of("/home/a/.config/lg-manager/tray.properties"), TraySettings.file(Map.of(), "/home/a"));
    }
}
