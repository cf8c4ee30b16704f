// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import io.github.lgmanager.testkit.Xvfb;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real looking-glass-client B7 (built by scripts/test from Debian's source package, given as -Dlg.client) run
 * the way a desktop user runs it: as that user, on an X display (Xvfb, Mesa's llvmpipe behind EGL), on a 32 MiB
 * /dev/shm file only that user was granted (a POSIX ACL entry, as lg-daemon grants), with SPICE off and no host
 * application writing into the file yet.
 */
class RealClientE2E {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Its own display number: other test classes let Xvfb pick a free one, and a fixed one shows a clash at once. */
    private static final int DISPLAY = 57;
    private static final long SHM_BYTES = 32L * 1024 * 1024;
    private static Path client;
    private static Xvfb x;
    private static TestUser desktop;
    private static TestUser stranger;
    private static Path desktopHome;
    private static Path strangerHome;
    private static Path shm;

    @BeforeAll
    static void start() throws Exception {
        Prerequisite.root();
        Prerequisite.program("/usr/sbin/runuser", "util-linux");
        String setfacl = Prerequisite.program("/usr/bin/setfacl", "acl").toString();
        client = builtClient();
        x = Xvfb.start(DISPLAY);
        desktop = TestUser.create();
        stranger = TestUser.create();
        desktopHome = TrayProcess.homeFor(desktop);
        strangerHome = TrayProcess.homeFor(stranger);
        shm = Files.createFile(Path.of("/dev/shm", UniqueNames.next() + "-client"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var file = new RandomAccessFile(shm.toFile(), "rw")) {
            file.setLength(SHM_BYTES);
        }
        ExternalProcess.check(TIMEOUT, setfacl, "-m", "u:" + desktop.name() + ":rw", shm.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (shm != null) {
            Files.deleteIfExists(shm);
        }
        for (Path home : new Path[] {desktopHome, strangerHome}) {
            if (home != null) {
                ExternalProcess.run(TIMEOUT, "/bin/rm", "-rf", home.toString());
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {stranger, desktop, x}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The client scripts/test built, never a stand-in: without it the tier fails, it does not skip. */
    static Path builtClient() {
        String given = System.getProperty("lg.client", "");
        if (given.isBlank()) {
            given = System.getenv().getOrDefault("LG_CLIENT", "");
        }
        if (given.isBlank()) {
            throw new AssertionError("no looking-glass-client given: run scripts/test, which builds the real B7 client from"
                    + " Debian's source package and passes it, or pass -Dlg.client=/path/to/looking-glass-client");
        }
        Path path = Path.of(given);
        if (!Files.isExecutable(path)) {
            throw new AssertionError("-Dlg.client=" + given + " is not an executable file (scripts/test builds it into"
                    + " /var/cache/lg-manager/lg-client)");
        }
        return path;
    }

    @Test
    void theUserGrantedTheFileGetsAClientThatMapsItAndWaitsForTheHost() throws Exception {
        Path log = Path.of("target").toAbsolutePath().resolve("looking-glass-client-" + desktop.name() + ".log");
        Process running = new ProcessBuilder(asUser(desktop, desktopHome, "win:size=640x480"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean waiting;
        try {
            // and still waiting a few seconds later, rather than failing once the window is up
            waiting = waitFor(log, "Waiting for the host application", running) && !running.waitFor(3, TimeUnit.SECONDS);
        } finally {
            // SIGTERM, as closing the window would end it; runuser passes it on to the client
            running.destroy();
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        assertTrue(waiting, "the client should keep running, waiting for the host application; it logged:\n" + output);
        assertTrue(output.contains("Looking Glass (B7)"), output);
        assertTrue(output.contains("The host application seems to not be running"), output);
        assertFalse(output.contains("Failed to open"), output);
    }

    @Test
    void rootIsRefused() {
        ExternalProcess.Result result = ExternalProcess.run(TIMEOUT, Map.of("DISPLAY", ":" + DISPLAY),
                client.toString(), "-f", shm.toString(), "spice:enable=no");
        String output = result.stdout() + result.stderr();
        assertNotEquals(0, result.exitCode(), output);
        assertTrue(output.contains("Do not run looking glass as root!"), output);
        assertFalse(output.contains("Failed to open"), "it refuses before touching the file: " + output);
    }

    @Test
    void aUserNotGrantedTheFileIsToldPermissionDenied() {
        ExternalProcess.Result result = ExternalProcess.run(TIMEOUT, asUser(stranger, strangerHome).toArray(String[]::new));
        String output = result.stdout() + result.stderr();
        assertEquals(255, result.exitCode(), output);
        assertTrue(output.contains("Looking Glass (B7)"), output);
        assertTrue(output.contains("Failed to open: " + shm), output);
        assertTrue(output.contains("Permission denied"), output);
    }

    /** runuser, the user's own HOME, the display, the file; SPICE off as no SPICE server runs here. */
    private static List<String> asUser(TestUser user, Path home, String... extra) {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user.name(), "--", "/usr/bin/env",
                "HOME=" + home, "DISPLAY=:" + DISPLAY, client.toString(), "-f", shm.toString(), "spice:enable=no"));
        command.addAll(List.of(extra));
        return command;
    }

    /** True once the log holds the text while the process still runs; false if it ends or 30 s pass first. */
    private static boolean waitFor(Path log, String text, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return process.isAlive();
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
