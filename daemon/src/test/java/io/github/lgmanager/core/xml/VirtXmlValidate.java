package io.github.lgmanager.core.xml;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** libvirt's own schema check, {@code virt-xml-validate FILE domain} (Debian package libvirt-clients). */
final class VirtXmlValidate {

    private VirtXmlValidate() {
    }

    /** Null if the XML validates against domain.rng, else the validator's output. */
    static String problems(String xml, Path workDir) {
        String program = Prerequisite.program("/usr/bin/virt-xml-validate", "libvirt-clients").toString();
        Path file = null;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "domain-", ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            ExternalProcess.Result result = ExternalProcess.run(Duration.ofSeconds(60), program, file.toString(), "domain");
            return result.ok() ? null : result.stdout() + result.stderr();
        } catch (IOException e) {
            throw new AssertionError("cannot write a file for " + program + ": " + e.getMessage(), e);
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
