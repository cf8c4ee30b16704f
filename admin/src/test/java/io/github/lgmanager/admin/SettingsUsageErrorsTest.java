// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conflicting or bad settings are usage errors (exit 2) decided before any backend is contacted: the bus given here
 * does not exist, so a command that got as far as connecting would fail with "cannot reach lg-daemon" instead.
 */
class SettingsUsageErrorsTest {
    private static final Host HOST = new Host(Map.of("PATH", "/usr/bin:/bin"), "root", Path.of("/"));
    private static final String NO_BUS = "unix:path=/nonexistent/lg-manager-test-bus";

    private static Cli.Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bus";
        all[1] = NO_BUS;
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(HOST, all);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "set vm --user a --add-user b                          | --user and --add-user cannot be combined",
        "set vm --user a --remove-user b                       | --user and --remove-user cannot be combined",
        "set vm --add-user bob --remove-user bob               | --add-user and --remove-user both name 'bob'",
        "set vm --client-option egl:scale=2 --clear-client-options | --client-option and --clear-client-options cannot be combined",
        "set vm --client-option egl:scale=2 --add-client-option win:fullScreen=yes | --client-option and --add-client-option cannot be combined",
        "set vm --client-option egl:scale=2 --remove-client-option win:title | --client-option and --remove-client-option cannot be combined",
        "set vm --add-client-option egl:scale=2 --clear-client-options | --add-client-option and --clear-client-options cannot be combined",
        "set vm --add-client-option egl:scale=2 --remove-client-option egl:scale | --add-client-option and --remove-client-option both name 'egl:scale'",
        "enable vm --kvmfr --shm-name lg                        | --kvmfr and --shm-name cannot be combined",
        "enable vm --user a --add-user b                        | --user and --add-user cannot be combined",
        "set vm --resolution 5x                                 | resolution",
        "enable vm --resolution -5x100                          | resolution",
        "resize vm --resolution 0x0                             | resolution",
        "set vm --add-user 9lives                               | invalid user name '9lives'",
        "set vm --add-client-option spice:host=10.0.0.1         | client option spice:host is refused",
        "set vm --client-option novalue                         | invalid client option 'novalue'",
        "set vm --formula b8                                    | unknown formula 'b8'",
        "set vm                                                 | nothing to set",
        "set vm --for-user bob                                  | --for-user names whose auto-open choice",
    })
    void isAUsageErrorNamingTheProblemBeforeAnyBackendIsContacted(String command, String expected) {
        Cli.Run run = run(command.strip().split("\\s+"));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(expected.strip()), run.toString());
        assertTrue(!run.err().contains("cannot reach lg-daemon"), run.toString());
    }
}
