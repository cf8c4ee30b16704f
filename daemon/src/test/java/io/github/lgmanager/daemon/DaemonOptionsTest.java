// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** lg-daemon's command line: what each option sets, and what a user sees for a bad one. */
class DaemonOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<DaemonOptions> ran = new AtomicReference<>();

    private int execute(String... args) {
        return DaemonOptions.execute(args, new PrintWriter(out), new PrintWriter(err), options -> {
            ran.set(options);
            return 0;
        });
    }

    @Test
    void withoutArgumentsItServesTheSystemLibvirtOnTheSystemBus() {
        DaemonOptions options = DaemonOptions.parse();
        assertEquals("qemu:///system", options.libvirtUri());
        assertEquals("system", options.bus());
        assertTrue(options.onSystemBus());
    }

    @Test
    void connectAndBusTakeTheirValueSeparatelyOrAfterAnEqualsSign() {
        DaemonOptions spaced = DaemonOptions.parse("--connect", "test:///default", "--bus", "session");
        assertEquals("test:///default", spaced.libvirtUri());
        assertEquals("session", spaced.bus());
        assertFalse(spaced.onSystemBus());

        DaemonOptions joined = DaemonOptions.parse("--connect=qemu:///session", "--bus=unix:path=/run/x");
        assertEquals("qemu:///session", joined.libvirtUri());
        assertEquals("unix:path=/run/x", joined.bus());

        assertEquals("test:///default", DaemonOptions.parse("-c", "test:///default").libvirtUri());
    }

    @Test
    void anUnknownArgumentAMissingValueOrAnEmptyOneIsRefused() {
        assertTrue(assertThrows(ParameterException.class, () -> DaemonOptions.parse("--verbose")).getMessage()
                .contains("--verbose"));
        assertTrue(assertThrows(ParameterException.class, () -> DaemonOptions.parse("--connect")).getMessage()
                .contains("--connect"));
        assertTrue(assertThrows(ParameterException.class, () -> DaemonOptions.parse("--bus", " ")).getMessage()
                .contains("non-empty"));
        assertTrue(assertThrows(ParameterException.class, () -> DaemonOptions.parse("--connect=")).getMessage()
                .contains("non-empty"));
    }

    @Test
    void aBadArgumentPrintsTheReasonAndTheUsageOnStderrExits2AndStartsNothing() {
        assertEquals(2, execute("--conect", "test:///default"));

        String printed = err.toString();
        assertTrue(printed.startsWith("lg-daemon: Unknown option") && printed.contains("'--conect'"), printed);
        assertTrue(printed.contains("Usage: lg-daemon") && printed.contains("--bus=BUS"), printed);
        assertEquals("", out.toString());
        assertNull(ran.get(), "the daemon did not start");
    }

    @Test
    void helpAndVersionPrintOnStdoutAndStartNothing() {
        assertEquals(0, execute("--help"));
        assertTrue(out.toString().contains("-c, --connect=URI") && out.toString().contains("qemu:///system"), out.toString());
        assertTrue(out.toString().contains("io.github.lgmanager1 on D-Bus"), "a name never broken across lines: " + out);
        assertEquals(0, execute("-V"));
        assertTrue(out.toString().contains("lg-daemon "), out.toString());
        assertEquals("", err.toString());
        assertNull(ran.get());
    }

    @Test
    void goodArgumentsStartTheDaemonWithThemAndReturnItsStatus() {
        int status = DaemonOptions.execute(new String[] {"--bus", "session"}, new PrintWriter(out), new PrintWriter(err),
                options -> options.onSystemBus() ? 0 : 1);
        assertEquals(1, status);
        assertEquals("", err.toString());
    }
}
