// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A virtual X server on a free display (or a given one), optionally with trayer as the XEmbed system-tray host. */
public final class Xvfb implements AutoCloseable {
    private final Process server;
    private final String display;
    private Process trayHost;

    private Xvfb(Process server, String display) {
        this.server = server;
        this.display = display;
    }

    public static Xvfb start() {
        return start(List.of());
    }

    /** On display {@code :number}, for a test that must know its display before it starts; fails if it is taken. */
    public static Xvfb start(int number) {
        return start(List.of(":" + number));
    }

    private static Xvfb start(List<String> display) {
        String program = Prerequisite.program("/usr/bin/Xvfb", "xvfb").toString();
        var command = new ArrayList<String>();
        command.add(program);
        command.addAll(display);
        // -displayfd: Xvfb prints the display number once it accepts clients (and picks a free one if none is given).
        command.addAll(List.of("-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"));
        try {
            Process server = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String number = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            if (number == null) {
                server.destroyForcibly();
                throw new AssertionError("Xvfb exited without a display number"
                        + (display.isEmpty() ? "" : " (is " + display.get(0) + " taken? see /tmp/.X11-unix)"));
            }
            return new Xvfb(server, ":" + number.strip());
        } catch (Exception e) {
            throw new AssertionError("cannot start Xvfb: " + e, e);
        }
    }

    public String display() {
        return display;
    }

    /** Starts trayer (the tray host) and waits until its panel window is mapped. */
    public void startTrayHost() {
        String program = Prerequisite.program("/usr/bin/trayer", "trayer").toString();
        try {
            ProcessBuilder builder = new ProcessBuilder(program, "--edge", "top", "--align", "right",
                    "--widthtype", "request", "--height", "24", "--SetDockType", "true")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DISPLAY", display);
            trayHost = builder.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot start trayer: " + e, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!windowTree().contains("\"panel\": (\"panel\" \"trayer\")")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("trayer's panel did not appear on " + display);
            }
            sleep(100);
        }
    }

    /** {@code xwininfo -root -tree}: every window, its name, class and parent, as text. */
    public String windowTree() {
        String xwininfo = Prerequisite.program("/usr/bin/xwininfo", "x11-utils").toString();
        return ExternalProcess.run(Duration.ofSeconds(10), java.util.Map.of("DISPLAY", display),
                xwininfo, "-root", "-tree").stdout();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (trayHost != null) {
            trayHost.destroy();
            trayHost.waitFor(5, TimeUnit.SECONDS);
        }
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
