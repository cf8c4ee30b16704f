// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JournalFormatterTest {

    @AfterEach
    void restore() {
        java.util.logging.LogManager.getLogManager().reset();
    }

    @Test
    void underSystemdEachLineCarriesItsJournalPriority() {
        JournalFormatter journal = new JournalFormatter("lg-daemon", true);
        assertEquals("<3>cannot connect\n", journal.format(new LogRecord(Level.SEVERE, "cannot connect")));
        assertEquals("<4>display failed\n", journal.format(new LogRecord(Level.WARNING, "display failed")));
        assertEquals("<6>reconciled 2 VM(s)\n", journal.format(new LogRecord(Level.INFO, "reconciled 2 VM(s)")));
        assertEquals("<7>detail\n", journal.format(new LogRecord(Level.FINE, "detail")));
    }

    @Test
    void onATerminalWarningsNameTheProgramAndInformationIsPlain() {
        JournalFormatter terminal = new JournalFormatter("lg-admin", false);
        assertEquals("lg-admin: warning: slow\n", terminal.format(new LogRecord(Level.WARNING, "slow")));
        assertEquals("lg-admin: error: gone\n", terminal.format(new LogRecord(Level.SEVERE, "gone")));
        assertEquals("ready\n", terminal.format(new LogRecord(Level.INFO, "ready")));
    }

    @Test
    void aStackTraceGoesAtDebugPriorityOneLineEach() {
        LogRecord record = new LogRecord(Level.WARNING, "failed");
        record.setThrown(new IllegalStateException("boom"));
        String text = new JournalFormatter("lg-daemon", true).format(record);
        assertTrue(text.startsWith("<4>failed\n<7>java.lang.IllegalStateException: boom\n<7>\tat "), text);
    }

    @Test
    void librariesSayOnlyWarningsAndTheThresholdHoldsForOurOwnLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgramLogging.configure(new JournalFormatter("lg-admin", false), Level.WARNING,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger.getLogger("org.freedesktop.dbus.connections.impl.DBusConnection").info("connected to bus");
        Logger.getLogger("io.github.lgmanager.admin").info("chatter");
        Logger.getLogger("io.github.lgmanager.admin").warning("shown");
        Logger.getLogger("org.freedesktop.dbus.connections").warning("library trouble");
        assertEquals("lg-admin: warning: shown\nlg-admin: warning: library trouble\n",
                out.toString(StandardCharsets.UTF_8));
    }

    /**
     * java.util.logging holds loggers weakly: a level set on a logger nobody references is lost at the next
     * collection, and lg-daemon (a 2 MiB young generation) collects within its first milliseconds.
     */
    @Test
    void librariesStayQuietAfterAGarbageCollection() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgramLogging.configure(new JournalFormatter("lg-daemon", false), Level.INFO,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        Logger.getLogger("org.freedesktop.dbus.connections.transports.TransportBuilder").info("using transport");
        Logger.getLogger("io.github.lgmanager.daemon.Daemon").info("serving");
        assertEquals("serving\n", out.toString(StandardCharsets.UTF_8));
    }

    /**
     * The program's stderr is not the log's to close: usage errors and the hook's verdict are printed there too, and a
     * reset (a second configure, the JVM's shutdown) closes every handler.
     */
    @Test
    void stderrStaysOpenForEveryoneAfterConfiguringAndResetting() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(stderr);
        try {
            ProgramLogging.configure("lg-daemon", Level.INFO);
            Logger.getLogger("io.github.lgmanager.daemon.Daemon").info("serving");
            System.err.println("lg-daemon: usage error");
            java.util.logging.LogManager.getLogManager().reset();
            System.err.println("after a reset");
        } finally {
            System.setErr(original);
        }
        assertFalse(stderr.checkError(), "stderr was closed");
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("serving\n") && text.contains("lg-daemon: usage error\nafter a reset\n"), text);
    }
}
