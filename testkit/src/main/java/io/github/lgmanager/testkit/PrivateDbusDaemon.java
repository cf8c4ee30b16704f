// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A dbus-daemon of the test's own, on a unix socket in a temporary folder; anyone may own and call anything. */
public final class PrivateDbusDaemon implements AutoCloseable {
    private static final String CONFIG = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path=%s</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
              </policy>
            </busconfig>
            """;

    private final Path directory;
    private final Process process;
    private final String address;

    private PrivateDbusDaemon(Path directory, Process process, String address) {
        this.directory = directory;
        this.process = process;
        this.address = address;
    }

    public static PrivateDbusDaemon start() {
        String program = Prerequisite.program("/usr/bin/dbus-daemon", "dbus-daemon").toString();
        try {
            Path directory = Files.createTempDirectory("lgm-bus");
            Path config = directory.resolve("bus.conf");
            Files.writeString(config, CONFIG.formatted(directory.resolve("socket")));
            // Its stderr (e.g. "Failed to set fd limit" as non-init root) goes to a file, quoted only if it fails.
            Path log = directory.resolve("dbus-daemon.log");
            Process process = new ProcessBuilder(program, "--config-file=" + config, "--nofork", "--print-address=1")
                    .redirectError(log.toFile())
                    .start();
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String address = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            if (address == null || address.isBlank()) {
                process.destroyForcibly();
                throw new AssertionError("dbus-daemon exited without printing its address (exit " + process.waitFor()
                        + "): " + Files.readString(log));
            }
            return new PrivateDbusDaemon(directory, process, address.strip());
        } catch (Exception e) {
            throw new AssertionError("cannot start a private dbus-daemon: " + e, e);
        }
    }

    /** The bus address, for {@code DBusConnectionBuilder.forAddress} or a child's DBUS_SESSION_BUS_ADDRESS. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
