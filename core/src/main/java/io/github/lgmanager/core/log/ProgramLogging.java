// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
     * The quieted loggers, held: java.util.logging keeps loggers only weakly, so a level set on one nobody
     * references is lost at the next collection, before the library makes its own loggers under it.
     */
    private static final Set<Logger> QUIETED = ConcurrentHashMap.newKeySet();

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
        Handler handler = new FlushingStreamHandler(out, formatter);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(threshold);
        for (String library : QUIET) {
            Logger logger = Logger.getLogger(library);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    /**
     * Each record written and flushed at once, as a log needs. Not a ConsoleHandler: that one opens System.err itself,
     * and pointing it elsewhere closes what it had, which closed the program's stderr for good. Closing (a reset, the
     * JVM's shutdown) only flushes: the stream belongs to the program, whose usage errors go there too.
     */
    private static final class FlushingStreamHandler extends StreamHandler {
        FlushingStreamHandler(PrintStream out, Formatter formatter) {
            super(out, formatter);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }
}
