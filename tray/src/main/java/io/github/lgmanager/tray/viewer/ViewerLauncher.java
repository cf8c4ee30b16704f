// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.viewer;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.trace.Trace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * At most one viewer process per VM. Started from an argument list (never a shell string), its output appended
 * to a log file per VM, ended with SIGTERM (then SIGKILL) when asked. {@code vm} is the VM's UUID; trace marks name
 * its object path, as the tray's other marks do (docs/benchmarks.md).
 */
public final class ViewerLauncher {
    /** How a viewer ended: {@code closedByUs} when the tray ended it (DisplayClosed, Quit). */
    public record Exit(String vm, int exitCode, Duration ranFor, boolean closedByUs) {
    }

    /** Called on the process-reaper thread; receivers hand it to their own thread. */
    public interface ExitListener {
        void exited(Exit exit);
    }

    private record Running(Process process, Instant started, List<String> argv) {
    }

    private final Path logDirectory;
    private final ExitListener listener;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closing = new ConcurrentHashMap<>();

    public ViewerLauncher(Path logDirectory, ExitListener listener) {
        this.logDirectory = logDirectory;
        this.listener = listener;
    }

    public boolean isRunning(String vm) {
        Running r = running.get(vm);
        return r != null && r.process().isAlive();
    }

    public int runningCount() {
        return (int) running.values().stream().filter(r -> r.process().isAlive()).count();
    }

    /** The last lines the VM's viewers logged (the latest run's end), empty when there is no log. */
    public List<String> lastLines(String vmName, int count) {
        try {
            List<String> lines = Files.readAllLines(logFile(vmName), java.nio.charset.StandardCharsets.UTF_8);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    public Path logFile(String vmName) {
        return logDirectory.resolve("viewer-" + vmName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    }

    /**
     * Starts the viewer unless one runs for this VM.
     *
     * @return false when one was already running
     * @throws ViewerStartException when the program cannot be started (not installed, not executable)
     */
    public synchronized boolean open(String vm, String vmName, List<String> argv) throws ViewerStartException {
        if (isRunning(vm)) {
            return false;
        }
        Path log = logFile(vmName);
        try {
            Files.createDirectories(logDirectory);
            Files.writeString(log, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.join(" ", argv) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ViewerStartException("cannot write the viewer's log " + log + ": " + e.getMessage());
        }
        Process process;
        try {
            File logFile = log.toFile();
            Trace.mark("tray.viewer-spawn", BusNames.vmPath(vm));
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw ViewerStartException.from(argv.get(0), e);
        }
        Trace.mark("tray.viewer-spawned", BusNames.vmPath(vm));
        Instant started = Instant.now();
        Running entry = new Running(process, started, List.copyOf(argv));
        running.put(vm, entry);
        closing.remove(vm);
        process.onExit().thenAccept(p -> {
            running.remove(vm, entry);
            boolean ours = closing.remove(vm) != null;
            listener.exited(new Exit(vm, p.exitValue(), Duration.between(started, Instant.now()), ours));
        });
        return true;
    }

    /** Ends this VM's viewer, if any: SIGTERM, then SIGKILL after 5 s. */
    public void close(String vm) {
        Running r = running.get(vm);
        if (r == null || !r.process().isAlive()) {
            return;
        }
        closing.put(vm, Boolean.TRUE);
        r.process().destroy();
        try {
            if (!r.process().waitFor(5, TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            r.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public void closeAll() {
        running.keySet().forEach(this::close);
    }
}
