// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.testkit.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed completion, run by a real bash as the Tab key would: the words typed so far, then what bash offers.
 * VM names come from the real lg-admin (here over libvirt's test driver, whose one VM is "test").
 */
class BashCompletionIT {
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();
    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void writeTheScript() throws Exception {
        script = Files.writeString(dir.resolve("lg-admin"), BashCompletion.script());
    }

    /** What bash offers after these words (the last one is the word being completed). */
    private static String offered(String... words) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" 2>/dev/null; COMP_WORDS=(\"$@\");"
                + " COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                + " _lg_admin_complete 2>/dev/null; echo \"${COMPREPLY[*]}\"", script.toString(), LAUNCHER));
        command.addAll(List.of(words));
        ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), command.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().strip();
    }

    @Test
    void vmNamesComeFromLgAdminItselfWhereverTheVmGoes() {
        assertEquals("test", offered("--connect", "test:///default", "show", ""));
        assertEquals("test", offered("--connect", "test:///default", "enable", "--resolution", "4k", "t"));
        assertEquals("", offered("--connect", "test:///default", "enable", "test", ""), "one VM per command");
    }

    @Test
    void resolutionsFormulasAndUsers() {
        assertEquals("1080p 1200p 1440p", offered("enable", "win11", "--resolution", "1"));
        assertEquals("4k", offered("size", "4"));
        assertEquals("b7 idd", offered("enable", "win11", "--formula", ""));
        assertEquals("root", offered("set", "win11", "--add-user", "roo"));
    }

    @Test
    void commandsAndOptionsStillComeFromPicocli() {
        assertEquals("show", offered("sh"));
        assertEquals("--resolution", offered("resize", "win11", "--res"));
    }
}
