// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * polkit's text agent, pkttyagent, registered for this lg-admin process only: when lg-daemon asks polkit about a
 * change lg-admin asked for, polkit finds this agent through our bus name's process, and the password prompt
 * appears on the user's terminal (systemctl does the same). Without it a user without a desktop agent (a text
 * console, ssh) could only be refused.
 *
 * <p>The agent is told {@code --process} with our pid; pkttyagent then closes its notify descriptor (our pipe on
 * its stdout) once polkitd accepted the registration, so the first change waits for that and no longer. It reads
 * the password from the controlling terminal itself, never from our streams.
 */
final class PasswordAgent implements AutoCloseable {
    static final Path PKTTYAGENT = Path.of("/usr/bin/pkttyagent");
    private static final long REGISTER_SECONDS = 10;
    private final Process process;

    private PasswordAgent(Process process) {
        this.process = process;
    }

    /** The command for a process: its pid, with the notify descriptor on the agent's stdout. */
    static List<String> command(Path program, long pid) {
        return List.of(program.toString(), "--process", Long.toString(pid), "--notify-fd", "1");
    }

    /**
     * Starts the agent and waits until it is registered. Empty when pkttyagent is not installed or could not
     * register (it says why on stderr, e.g. when there is no controlling terminal); lg-admin then goes on without a
     * prompt, and a change that needs a password is refused with the way out.
     */
    static Optional<PasswordAgent> start(Path program) {
        if (!Files.isExecutable(program)) {
            return Optional.empty();
        }
        Process process;
        try {
            process = new ProcessBuilder(command(program, ProcessHandle.current().pid()))
                    .redirectInput(new File("/dev/null"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // Safety net for an exit that skips close(): an agent must not outlive the command it answers for.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "lg-admin-password-agent-stop"));
        if (!registered(process)) {
            process.destroy();
            return Optional.empty();
        }
        return Optional.of(new PasswordAgent(process));
    }

    /** End of its stdout while still running means registered; an exit means it could not register. */
    private static boolean registered(Process process) {
        Thread reader = new Thread(() -> {
            try (InputStream notify = process.getInputStream()) {
                notify.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the pipe broke: the agent is gone, which isAlive below tells
            }
        }, "lg-admin-password-agent-notify");
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(REGISTER_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !reader.isAlive() && process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
