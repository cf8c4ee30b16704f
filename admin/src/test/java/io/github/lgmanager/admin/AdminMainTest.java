// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** lg-admin's command-line contract: exit codes, usage errors, and what needs neither daemon nor libvirt. */
class AdminMainTest {

    @Test
    void versionPrintsTheProgramNameAndExitsZero() {
        Run run = Cli.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("lg-admin "), run.out());
    }

    @Test
    void helpListsEveryCommandWithExamples() {
        Run run = Cli.run("--help");
        assertEquals(0, run.exitCode());
        for (String command : new String[] {"list", "show", "enable", "resize", "disable", "set", "size", "doctor",
            "display-test"}) {
            assertTrue(run.out().contains("  " + command), command + " in " + run.out());
        }
        assertTrue(run.out().contains("Examples:"), run.out());
    }

    @Test
    void everyCommandsHelpHasExamples() {
        for (String command : new String[] {"list", "show", "enable", "resize", "disable", "set", "size", "doctor",
            "display-test"}) {
            Run run = Cli.run(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Examples:") && run.out().contains("lg-admin " + command), run.out());
        }
    }

    @Test
    void anUnknownArgumentIsAUsageErrorOnOneLineThatNamesIt() {
        Run run = Cli.run("--frobnicate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("lg-admin: ") && run.err().contains("--frobnicate"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = Cli.run();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("a command is missing"), run.err());
    }

    @Test
    void aMissingVmNameIsAUsageError() {
        for (String command : new String[] {"show", "enable", "disable", "set"}) {
            Run run = Cli.run(command);
            assertEquals(2, run.exitCode(), command + ": " + run);
            assertTrue(run.err().contains("VM"), run.err());
        }
    }

    @Test
    void resizeWithoutResolutionIsAUsageError() {
        Run run = Cli.run("resize", "win11");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--resolution"), run.err());
    }

    @Test
    void sizePrintsTheB7Size() {
        Run run = Cli.run("size", "1440p");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("2560x1440 SDR (b7): 64 MiB\n", run.out());
    }

    @Test
    void sizeJsonHasTheDocumentedShape() {
        Run run = Cli.run("size", "3840x2160", "--hdr", "--json");
        assertEquals("{\"width\":3840,\"height\":2160,\"hdr\":true,\"formula\":\"b7\",\"sizeMiB\":256}\n", run.out());
        Run idd = Cli.run("size", "4k", "--hdr", "--formula", "idd", "--json");
        assertEquals("{\"width\":3840,\"height\":2160,\"hdr\":true,\"formula\":\"idd\",\"sizeMiB\":128}\n", idd.out());
    }

    @Test
    void anInvalidResolutionIsAUsageErrorThatShowsTheAcceptedForms() {
        Run run = Cli.run("size", "abc");
        assertEquals(2, run.exitCode());
        assertEquals("lg-admin: invalid resolution 'abc' (use WIDTHxHEIGHT such as 2560x1440, or one of 1080p, 1200p,"
                + " 1440p, 3440x1440, 4k, 5k, 8k)\n", run.err());
    }

    @Test
    void outOfRangeAndZeroResolutionsAreRefused() {
        for (String bad : new String[] {"0x1080", "20000x1080", "1920x", "x", "1920x1080x2", "1x-5", "99999999999x1"}) {
            Run run = Cli.run("size", bad);
            assertEquals(2, run.exitCode(), bad);
            assertTrue(run.err().startsWith("lg-admin: invalid resolution"), run.err());
        }
    }

    @Test
    void anUnknownFormulaIsAUsageError() {
        Run run = Cli.run("size", "1080p", "--formula", "b9");
        assertEquals(2, run.exitCode());
        assertEquals("lg-admin: unknown formula 'b9' (use b7 or idd)\n", run.err());
    }

    @Test
    void sizeAutoPicksTheLargestConnectedMonitorAndSaysSo(@TempDir Path root) throws Exception {
        Path drm = root.resolve("sys/class/drm");
        monitor(drm, "card0-DP-1", "connected", "2560x1440\n1920x1080\n");
        monitor(drm, "card0-HDMI-A-1", "disconnected", "");
        monitor(drm, "card1-DP-2", "connected", "3840x2160\n1920x1080\n");
        Run run = Cli.run(new Host(Map.of(), "alice", root), "size", "auto");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("resolution auto: 3840x2160 (largest mode of card1-DP-2)\n3840x2160 SDR (b7): 128 MiB\n", run.out());
        Run json = Cli.run(new Host(Map.of(), "alice", root), "size", "auto", "--json");
        assertTrue(json.out().startsWith("{\"width\":3840,"), json.out());
    }

    @Test
    void sizeAutoWithoutMonitorsFailsWithTheWayOut(@TempDir Path root) {
        Run run = Cli.run(new Host(Map.of(), "alice", root), "size", "auto");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("found no connected monitor") && run.err().contains("WIDTHxHEIGHT"), run.err());
    }

    @Test
    void setWithoutAnythingToSetIsAUsageError() {
        Run run = Cli.run("--connect", "test:///default", "set", "test");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nothing to set"), run.err());
    }

    @Test
    void globalOptionsAreAcceptedAfterTheCommandToo() {
        CommandLine cli = AdminMain.commandLine(new AdminMain());
        cli.parseArgs("list", "--connect", "test:///default", "--bus", "session");
        AdminMain main = cli.getCommand();
        assertEquals("test:///default", main.connect);
        assertEquals("session", main.bus);
    }

    @Test
    void theCommandIsTheFirstWordAfterTheGlobalOptionsAndTheirValues() {
        CommandLine.Model.CommandSpec top = new CommandLine(new AdminMain()).getCommandSpec();
        assertEquals(Optional.of("size"), AdminMain.commandName(top, "size", "4k"));
        assertEquals(Optional.of("list"), AdminMain.commandName(top, "--connect", "test:///default", "--bus", "session",
                "list", "--json"));
        assertEquals(Optional.of("show"), AdminMain.commandName(top, "--connect=test:///default", "show", "win11"));
        assertEquals(Optional.empty(), AdminMain.commandName(top, "--connect", "size"));
        assertEquals(Optional.empty(), AdminMain.commandName(top, "--help"));
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheOneCommandGiven() {
        Run before = Cli.run("--bus", "session", "size", "4k");
        Run after = Cli.run("size", "4k", "--bus", "session");
        assertEquals("3840x2160 SDR (b7): 128 MiB\n", before.out(), before.toString());
        assertEquals(before, after);
    }

    @Test
    void helpNamesTheSameCommandAsItsOwnHelpOption() {
        Run help = Cli.run("help", "size");
        assertEquals(0, help.exitCode(), help.toString());
        assertEquals(Cli.run("size", "--help"), help);
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatNamesItAndSuggestsTheClosest() {
        Run run = Cli.run("sise", "4k");
        assertEquals(2, run.exitCode());
        assertEquals("lg-admin: unknown command 'sise'; did you mean set or size or resize? (see lg-admin --help)\n",
                run.err());
    }

    @Test
    void showRefusesJsonAndXmlTogetherBeforeAskingAnyone() {
        Run run = Cli.run("show", "win11", "--json", "--xml");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("lg-admin: --json and --xml cannot be used together; choose one\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aNegativeResolutionGetsTheResolutionErrorNotAMissingParameter() {
        Run run = Cli.run("size", "-5x100");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("lg-admin: invalid resolution '-5x100'"), run.err());
    }

    @Test
    void aMistypedOptionSuggestsTheRealOne() {
        Run run = Cli.run("list", "--jsn");
        assertEquals(2, run.exitCode());
        assertEquals("lg-admin: Unknown option: '--jsn'; did you mean --json? (see lg-admin list --help)\n", run.err());
    }

    private static void monitor(Path drm, String name, String status, String modes) throws Exception {
        Path dir = Files.createDirectories(drm.resolve(name));
        Files.writeString(dir.resolve("status"), status + "\n");
        Files.writeString(dir.resolve("modes"), modes);
    }
}
