// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion: absolute path, argument list, a timeout, output captured for the error. */
public final class ExternalProcess {
    private ExternalProcess() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), command);
    }

    public static Result run(Duration timeout, Map<String, String> environment, String... command) {
        return run(timeout, environment, "", command);
    }

    /** Runs the command with {@code input} on its stdin (then closed). */
    public static Result runWithInput(Duration timeout, String input, String... command) {
        return run(timeout, Map.of(), input, command);
    }

    private static Result run(Duration timeout, Map<String, String> environment, String input, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            var stdout = new StreamCollector(process.getInputStream());
            var stderr = new StreamCollector(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), stdout.text(), stderr.text());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    /** Runs the command and fails the test, quoting its stderr, unless it exits 0. */
    public static String check(Duration timeout, String... command) {
        Result result = run(timeout, command);
        if (!result.ok()) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    /** Reads a stream on its own thread so a chatty child can never block on a full pipe. */
    static final class StreamCollector {
        private final Thread thread;
        private final List<byte[]> chunks = new ArrayList<>();

        StreamCollector(java.io.InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (chunks) {
                            chunks.add(java.util.Arrays.copyOf(buffer, n));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended; what was read is what we report
                }
            }, "collect-output");
            thread.setDaemon(true);
            thread.start();
        }

        String text() throws InterruptedException {
            thread.join(5000);
            var out = new java.io.ByteArrayOutputStream();
            synchronized (chunks) {
                chunks.forEach(out::writeBytes);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
