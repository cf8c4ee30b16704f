// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrayOptionsTest {
    @Test
    void flagsAndValuesInBothSpellings() throws Exception {
        assertEquals(new TrayOptions("/opt/standin -x", "unix:path=/tmp/b", true, false, false, TrayOptions.Action.RUN),
                TrayOptions.parse("--viewer", "/opt/standin -x", "--bus=unix:path=/tmp/b", "--no-tray"));
        assertEquals(new TrayOptions(null, null, false, true, false, TrayOptions.Action.RUN), TrayOptions.parse("--xembed"));
        assertEquals(new TrayOptions(null, null, false, false, true, TrayOptions.Action.RUN), TrayOptions.parse("--all-vms"));
        assertEquals(new TrayOptions(null, null, false, false, false, TrayOptions.Action.RUN), TrayOptions.parse());
        assertEquals(TrayOptions.Action.HELP, TrayOptions.parse("--no-tray", "-h").action());
        assertEquals(TrayOptions.Action.VERSION, TrayOptions.parse("--version").action());
    }

    @Test
    void mistakesAreUsageErrors() {
        String missing = assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--viewer")).getMessage();
        assertTrue(missing.contains("Missing required parameter for option '--viewer'"), missing);
        String unknown = assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--tray")).getMessage();
        assertTrue(unknown.contains("Unknown option: '--tray'"), unknown);
        String empty = assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--viewer=")).getMessage();
        assertEquals("--viewer needs a non-empty value", empty);
        assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("win11"), "no positional arguments");
    }

    @Test
    void theHelpNamesEveryOptionAndTheSettingsFile() {
        String usage = TrayOptions.usage();
        for (String option : new String[] {"--viewer=CMD", "--bus=ADDRESS", "--no-tray", "--xembed", "--help", "--version",
            "tray.properties", "viewer-VM.log"}) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
    }
}
