// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged lg-tray (tray/target/lg-tray.jar) running as a real desktop user, the way a login session starts
 * it: its own HOME and XDG folders (test users have no home), DISPLAY, and a session bus.
 */
final class TrayProcess implements AutoCloseable {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private final Process process;
    private final Path log;

    private TrayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A folder the user owns, standing in for their home: HOME, XDG_CONFIG_HOME and XDG_STATE_HOME live in it. */
    static Path homeFor(TestUser user) throws IOException {
        Path home = Files.createTempDirectory("lgmt-home");
        ExternalProcess.check(Duration.ofSeconds(10), "/bin/chown", user.name() + ":" + user.name(), home.toString());
        return home;
    }

    static TrayProcess start(TestUser user, Path home, Map<String, String> environment, String... args) throws IOException {
        Path jar = REPO.resolve("tray/target/lg-tray.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the end-to-end tier runs after 'mvn package'");
        }
        Path log = Path.of("target").toAbsolutePath().resolve("lg-tray-" + user.name() + ".log");
        List<String> command = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user.name(), "--", "/usr/bin/env",
                "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve("config"), "XDG_STATE_HOME=" + home.resolve("state")));
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new TrayProcess(process, log);
    }

    /** The tray's own JVM (runuser stays as its parent for the PAM session). */
    long javaPid() {
        return process.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("lg-tray's java process is not running:\n" + log()))
                .pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return "lg-tray log:\n" + Files.readString(log);
        } catch (IOException e) {
            return "(no lg-tray log: " + e + ")";
        }
    }

    /** SIGTERM, as a session ending would send; the tray closes its viewers on the way out. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
