// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** libvirt's own schema check, {@code virt-xml-validate FILE domain} (Debian package libvirt-clients). */
final class VirtXmlValidate {

    private VirtXmlValidate() {
    }

    /** Null if the XML validates against domain.rng, else the validator's output. */
    static String problems(String xml, Path workDir) {
        // core's tests stand on the JDK alone (the test kit depends on core), hence no ExternalProcess here
        String program = "/usr/bin/virt-xml-validate";
        if (!Files.isExecutable(Path.of(program))) {
            throw new AssertionError("missing prerequisite " + program + ": install the Debian package"
                    + " 'libvirt-clients' (scripts/test installs it)");
        }
        Path file = null;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "domain-", ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(program, file.toString(), "domain").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(program + " did not finish within 60 s");
            }
            return process.exitValue() == 0 ? null : output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + program, e);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + program + ": " + e.getMessage(), e);
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
