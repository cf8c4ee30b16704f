// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this lg-admin runs from, so that a way out names commands that exist here: {@code systemctl start lg-daemon}
 * on an installed system, the checkout's {@code bin/lg-daemon} only when lg-admin itself runs from a source tree.
 */
public record Installation(Optional<Path> sourceTree) {

    /** This lg-admin's own installation, judged from where its classes were loaded. */
    public static Installation current() {
        try {
            Path code = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return at(code);
        } catch (URISyntaxException | RuntimeException e) {
            return new Installation(Optional.empty()); // unknown: the installed commands are the safer advice
        }
    }

    /** A checkout is the nearest folder above the code with both a pom.xml and bin/lg-daemon. */
    static Installation at(Path code) {
        for (Path dir = code.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("bin/lg-daemon"))) {
                return new Installation(Optional.of(dir));
            }
        }
        return new Installation(Optional.empty());
    }

    /** How to start lg-daemon here. */
    public String startDaemon() {
        return sourceTree.map(root -> "sudo " + root.resolve("bin/lg-daemon")).orElse("sudo systemctl start lg-daemon");
    }

    /** How to put lg-daemon's D-Bus policy in place, which the system bus needs before it lets anyone call it. */
    public String installBusPolicy() {
        return sourceTree.map(root -> "install " + root.resolve("systemd/io.github.lgmanager1.conf")
                + " into /usr/share/dbus-1/system.d/ (scripts/install does) and reload the bus")
                .orElse("reinstall the lg-manager-daemon package, which puts it in /usr/share/dbus-1/system.d/");
    }
}
