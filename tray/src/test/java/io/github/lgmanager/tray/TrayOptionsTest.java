package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrayOptionsTest {
    @Test
    void flagsAndValuesInBothSpellings() throws Exception {
        assertEquals(new TrayOptions("/opt/standin -x", "unix:path=/tmp/b", true, false, TrayOptions.Action.RUN),
                TrayOptions.parse("--viewer", "/opt/standin -x", "--bus=unix:path=/tmp/b", "--no-tray"));
        assertEquals(new TrayOptions(null, null, false, true, TrayOptions.Action.RUN), TrayOptions.parse("--xembed"));
        assertEquals(TrayOptions.Action.HELP, TrayOptions.parse("--no-tray", "-h").action());
    }

    @Test
    void mistakesAreUsageErrors() {
        assertTrue(assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--viewer")).getMessage().contains("needs a value"));
        assertTrue(assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--tray")).getMessage().contains("unknown argument '--tray'"));
        assertThrows(TrayOptions.UsageException.class, () -> TrayOptions.parse("--viewer="));
    }
}
