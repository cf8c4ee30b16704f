// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record. Under systemd, stderr goes to the journal, which reads a leading {@code <N>} as the
 * line's priority (sd-daemon(3)): so {@code journalctl -p warning} shows exactly our warnings. On a terminal the
 * line reads like any Unix tool's: {@code lg-admin: warning: …}; plain information has no prefix.
 */
public final class JournalFormatter extends Formatter {
    private final String program;
    private final boolean journal;

    public JournalFormatter(String program, boolean journal) {
        this.program = program;
        this.journal = journal;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder();
        int level = record.getLevel().intValue();
        if (journal) {
            line.append('<').append(priority(level)).append('>');
        } else if (level >= Level.WARNING.intValue()) {
            line.append(program).append(level >= Level.SEVERE.intValue() ? ": error: " : ": warning: ");
        }
        line.append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            // one journal entry per line: the trace's lines go at debug priority, the message keeps its own
            for (String traceLine : trace.toString().split("\n")) {
                line.append('\n').append(journal ? "<7>" : "    ").append(traceLine);
            }
        }
        return line.append('\n').toString();
    }

    /** syslog priorities: 3 err, 4 warning, 6 info, 7 debug. */
    static int priority(int level) {
        if (level >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (level >= Level.WARNING.intValue()) {
            return 4;
        }
        return level >= Level.INFO.intValue() ? 6 : 7;
    }
}
