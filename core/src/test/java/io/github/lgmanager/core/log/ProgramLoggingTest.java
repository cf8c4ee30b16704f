// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a program's log looks like on its stderr, and that logging never takes stderr away from the program. */
class ProgramLoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void resetLogging() {
        LogManager.getLogManager().reset();
    }

    private String configureAndLog(Level threshold) {
        ProgramLogging.configure(new JournalFormatter("lg-admin", false), threshold, stderr);
        Logger.getLogger("io.github.lgmanager.admin").warning("disk full");
        Logger.getLogger("io.github.lgmanager.admin").info("connected");
        Logger.getLogger("org.freedesktop.dbus.connections").info("using transport native-unixsocket");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCommandLineToolShowsWarningsOnlyAndNoLibraryChatter() {
        assertEquals("lg-admin: warning: disk full\n", configureAndLog(Level.WARNING));
    }

    @Test
    void aServiceShowsItsOwnInfoLinesButNotTheLibraries() {
        assertEquals("lg-admin: warning: disk full\nconnected\n", configureAndLog(Level.INFO));
    }

    @Test
    void theProgramCanStillWriteToStderrAfterConfiguringAndAfterTheLogIsClosed() {
        PrintStream original = System.err;
        ByteArrayOutputStream programBytes = new ByteArrayOutputStream();
        PrintStream programStderr = new PrintStream(programBytes, true, StandardCharsets.UTF_8);
        System.setErr(programStderr);
        try {
            ProgramLogging.configure(new JournalFormatter("lg-admin", false), Level.WARNING, programStderr);
            Logger.getLogger("io.github.lgmanager.admin").warning("first");
            LogManager.getLogManager().reset(); // closes every handler, as at the JVM's exit
            programStderr.println("lg-admin: cannot reach lg-daemon");
            assertFalse(programStderr.checkError(), "stderr was closed");
            assertEquals("lg-admin: warning: first\nlg-admin: cannot reach lg-daemon\n",
                    programBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
