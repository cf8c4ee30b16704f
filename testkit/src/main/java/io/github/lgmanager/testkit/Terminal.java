// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a user on a real pseudo-terminal (util-linux's script(1) makes it and becomes its session leader),
 * so that programs see a terminal as on a console or over ssh: polkit's pkttyagent opens /dev/tty and turns echo off
 * for the password. The test reads the screen's text as it comes and types lines.
 */
public final class Terminal implements AutoCloseable {
    private final Process process;
    private final StringBuffer screen = new StringBuffer();
    private final Thread reader;

    private Terminal(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "terminal-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code shellCommand} (sh -c) as {@code user} on a new terminal. */
    public static Terminal start(TestUser user, String shellCommand) throws IOException {
        Prerequisite.program("/usr/bin/script", "bsdutils");
        List<String> command = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user.name(), "--",
                "/usr/bin/script", "--quiet", "--flush", "--return", "--command", shellCommand, "/dev/null"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHELL", "/bin/sh");
        builder.environment().put("TERM", "dumb");
        return new Terminal(builder.start());
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the terminal closed: what was read stays in the screen
        }
    }

    /** Everything written to the terminal so far, with what was typed where echo was on. */
    public String screen() {
        return screen.toString();
    }

    /** Waits until the screen shows {@code text}; fails with the screen if it never does. */
    public void await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!screen().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + screen());
            }
            Thread.sleep(100);
        }
    }

    /** Types a line, as a person would, ending with Enter. */
    public void type(String line) throws IOException {
        OutputStream keyboard = process.getOutputStream();
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits for the command to end and returns its exit status (script --return passes it on). */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the command on the terminal did not end within " + timeout + "; it shows:\n"
                    + screen());
        }
        reader.join(5000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
