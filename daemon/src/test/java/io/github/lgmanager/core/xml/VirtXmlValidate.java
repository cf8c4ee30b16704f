package io.github.lgmanager.core.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** libvirt's own schema check, {@code virt-xml-validate FILE domain} (Debian package libvirt-clients). */
final class VirtXmlValidate {

    static final Path PROGRAM = Path.of("/usr/bin/virt-xml-validate");

    private VirtXmlValidate() {
    }

    /** Null if the XML validates against domain.rng, else the validator's output. */
    static String problems(String xml, Path workDir) {
        if (!Files.isExecutable(PROGRAM)) {
            throw new AssertionError(PROGRAM + " is missing: apt-get install libvirt-clients");
        }
        Path file = null;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "domain-", ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(List.of(PROGRAM.toString(), file.toString(), "domain"))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(PROGRAM + " did not finish within 60 s");
            }
            return p.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PROGRAM + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + PROGRAM, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover file in target/ is harmless
                }
            }
        }
    }
}
