package io.github.lgmanager.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** dbus-java makes its loggers when a connection opens, long after start: by then a collection has run. */
    @Test
    void librariesStayQuietAfterAGarbageCollection() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgramLogging.configure(new JournalFormatter("lg-tray", false), Level.INFO,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        Logger.getLogger("org.freedesktop.dbus.connections.transports.TransportBuilder").info("Using transport");
        Logger.getLogger("io.github.lgmanager.tray").info("shown");
        assertEquals("shown\n", out.toString(StandardCharsets.UTF_8));
    }

    /** A program prints its usage errors on stderr after logging is set up: logging must not have closed it. */
    @Test
    void stderrStaysOpenForTheProgramsOwnLines() {
        PrintStream saved = System.err;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        System.setErr(stderr);
        try {
            ProgramLogging.configure(new JournalFormatter("lg-tray", false), Level.INFO, stderr);
            Logger.getLogger("io.github.lgmanager.tray").warning("logged");
            System.err.println("lg-tray: Unknown option: '--tray'");
        } finally {
            System.setErr(saved);
        }
        assertEquals("lg-tray: warning: logged\nlg-tray: Unknown option: '--tray'\n", terminal.toString(StandardCharsets.UTF_8));
    }
}
