// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/lg-admin, the launcher users type, as a process: built jar, class-data archive, exit codes, no log noise. */
class AdminLauncherIT {
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();

    private static final Path ARCHIVE = Path.of("target/lg-admin.jsa").toAbsolutePath();

    private static ExternalProcess.Result run(String... args) {
        return run(Map.of(), args);
    }

    private static ExternalProcess.Result run(Map<String, String> environment, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER;
        System.arraycopy(args, 0, command, 1, args.length);
        return ExternalProcess.run(Duration.ofSeconds(60), environment, command);
    }

    @Test
    void sizeNeedsNeitherDaemonNorLibvirt() {
        ExternalProcess.Result r = run("size", "1440p", "--hdr", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("{\"width\":2560,\"height\":1440,\"hdr\":true,\"formula\":\"b7\",\"sizeMiB\":128}\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void listOnTheTestDriverPrintsATableAndNothingOnStderr() {
        ExternalProcess.Result r = run("--connect", "test:///default", "list");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("NAME  STATE    LG   MODE"), r.stdout());
        assertEquals("", r.stderr());
    }

    /** dbus-java logs through SLF4J: without a provider on the jar's class path SLF4J would add three lines. */
    @Test
    void anAbsentDaemonIsOneLineOnStderrWithoutLoggingNoise() {
        ExternalProcess.Result r = run("--bus", "unix:path=/nonexistent/lgmt-bus", "list");
        assertEquals(1, r.exitCode());
        assertEquals("", r.stdout());
        // dbus-java takes seconds to give up on the address, so the progress line may come first (ProgressTest)
        List<String> problems = r.stderr().lines().filter(line -> !line.startsWith("lg-admin: waiting for")).toList();
        assertEquals(1, problems.size(), r.stderr());
        assertTrue(problems.get(0).startsWith("lg-admin: cannot reach lg-daemon on the bus"
                + " unix:path=/nonexistent/lgmt-bus"), r.stderr());
    }

    /** -Xshare:on: the JVM fails rather than silently going without the archive. */
    @Test
    void theLauncherMakesLgAdminsClassDataArchiveAndUsesIt() {
        ExternalProcess.Result r = run(Map.of("LG_JAVA_OPTS", "-Xshare:on"), "size", "4k");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("3840x2160 SDR (b7): 128 MiB\n", r.stdout());
        assertTrue(Files.isRegularFile(ARCHIVE), ARCHIVE + " was not made");
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredWithoutAWord() throws IOException {
        run("size", "4k"); // the launcher makes the archive, newer than the jar: it will not remake it
        Files.writeString(ARCHIVE, "not an archive, as after a JDK upgrade");
        try {
            ExternalProcess.Result r = run("size", "4k");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("3840x2160 SDR (b7): 128 MiB\n", r.stdout());
            assertEquals("", r.stderr());
        } finally {
            Files.delete(ARCHIVE); // the next run makes a good one
        }
    }

    @Test
    void aUsageErrorExitsTwo() {
        ExternalProcess.Result r = run("enable");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("lg-admin: Missing required parameter: 'VM'"), r.stderr());
    }
}
