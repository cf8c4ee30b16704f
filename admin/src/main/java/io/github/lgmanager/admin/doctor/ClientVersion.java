package io.github.lgmanager.admin.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** looking-glass-client's release, as it prints it ("B7", "B7-rc1", "B6-123-gabcdef0"). */
final class ClientVersion {
    private static final Pattern RELEASE = Pattern.compile("\\b(B\\d+(?:\\.\\d+)?(?:-rc\\d+)?(?:-\\d+-g[0-9a-f]+)?)\\b");
    private static final long TIMEOUT_S = 3;

    private ClientVersion() {
    }

    /** The release named in the output, if any. */
    static Optional<String> parse(String output) {
        Matcher m = RELEASE.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Runs {@code CLIENT --version} with no display in its environment (so no window can open), stdin closed and
     * a timeout; empty when it says nothing we recognise.
     */
    static Optional<String> ask(String client) {
        ProcessBuilder builder = new ProcessBuilder(List.of(client, "--version")).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        try {
            Process process = builder.start();
            try (InputStream in = process.getInputStream()) {
                if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                return parse(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
