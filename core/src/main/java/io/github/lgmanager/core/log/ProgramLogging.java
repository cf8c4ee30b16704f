package io.github.lgmanager.core.log;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Where lg-manager's log lines go. The programs log through SLF4J, bound to java.util.logging (slf4j-jdk14), which
 * this configures: one handler on stderr, journald priorities under systemd, and the libraries' chatter (dbus-java
 * logs every connection at INFO) kept to warnings so it never reaches a user's terminal.
 */
public final class ProgramLogging {
    /** Libraries whose INFO lines are not news to our users. */
    private static final String[] QUIET = {"org.freedesktop.dbus", "org.libvirt", "com.sun.jna"};
    /**
     * java.util.logging holds loggers weakly: a level set on one nobody references is lost at the next garbage
     * collection, and a library's logger created after that inherits the root's INFO. Held here, they stay quiet.
     */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private ProgramLogging() {
    }

    /**
     * @param program the name a terminal line starts with ("lg-admin")
     * @param threshold the least severe level shown: INFO for services, WARNING for a command-line tool
     */
    public static void configure(String program, Level threshold) {
        boolean journal = System.getenv("JOURNAL_STREAM") != null;
        configure(new JournalFormatter(program, journal), threshold, System.err);
    }

    static void configure(JournalFormatter formatter, Level threshold, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamHandlerOnStderr(out);
        handler.setFormatter(formatter);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(threshold);
        synchronized (QUIETED) {
            QUIETED.clear();
            for (String library : QUIET) {
                Logger logger = Logger.getLogger(library);
                logger.setLevel(Level.WARNING);
                QUIETED.add(logger);
            }
        }
    }

    /**
     * Writes each record at once and never closes the stream. Not a ConsoleHandler: its constructor binds System.err,
     * and re-pointing it (setOutputStream) closes that first, which silenced every later line on stderr, ours included.
     */
    private static final class StreamHandlerOnStderr extends StreamHandler {
        StreamHandlerOnStderr(PrintStream out) {
            super(out, new SimpleFormatter());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush(); // stderr outlives logging: LogManager closes handlers at exit, and usage errors print after
        }
    }
}
