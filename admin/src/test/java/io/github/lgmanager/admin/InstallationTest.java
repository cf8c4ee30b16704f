// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The way out names the commands that exist where lg-admin runs: installed ones, or the checkout's. */
class InstallationTest {
    @Test
    void aPackagedJarIsAdvisedSystemctl(@TempDir Path root) throws Exception {
        Path jar = Files.createDirectories(root.resolve("usr/lib/lg-manager")).resolve("lg-manager-admin.jar");
        Installation installed = Installation.at(jar);
        assertEquals(Optional.empty(), installed.sourceTree());
        assertEquals("sudo systemctl start lg-daemon", installed.startDaemon());
        assertEquals("reinstall the lg-manager-daemon package, which puts it in /usr/share/dbus-1/system.d/",
                installed.installBusPolicy());
    }

    @Test
    void aCheckoutIsAdvisedItsOwnLauncher(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/lg-daemon"), "#!/bin/sh\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path classes = Files.createDirectories(root.resolve("admin/target/classes"));
        Installation checkout = Installation.at(classes);
        assertEquals(Optional.of(root), checkout.sourceTree());
        assertEquals("sudo " + root + "/bin/lg-daemon", checkout.startDaemon());
    }

    @Test
    void thisTestRunsFromTheCheckout() {
        assertEquals(true, Installation.current().sourceTree().isPresent(), "tests run from the source tree");
    }
}
