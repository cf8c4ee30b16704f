// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.testkit.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the repository's D-Bus system policy and polkit actions on this machine for the end-to-end tier, the
 * way a package would, and removes them again. Polkit rules for a test go through {@link #grant}.
 */
public final class InstalledPolicies implements AutoCloseable {
    /** The checkout: the nearest folder up from here with our systemd unit (tests run in a module folder). */
    static final Path REPO = findCheckout();

    private static Path findCheckout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("systemd/lg-daemon.service"))) {
                return p;
            }
        }
        throw new AssertionError("not inside an lg-manager checkout: " + Path.of("").toAbsolutePath());
    }
    private final List<Path> installed = new ArrayList<>();

    public static InstalledPolicies install() throws IOException {
        InstalledPolicies p = new InstalledPolicies();
        p.copy(REPO.resolve("systemd/io.github.lgmanager1.conf"), Path.of("/etc/dbus-1/system.d/io.github.lgmanager1.conf"));
        p.copy(REPO.resolve("polkit/io.github.lgmanager1.policy"), Path.of("/usr/share/polkit-1/actions/io.github.lgmanager1.policy"));
        reloadBus();
        return p;
    }

    /** A rules.d file granting these actions to one user; polkitd notices new rule files by itself. */
    public Path grant(String user, String... actionIds) throws IOException {
        return rule(user, "YES", actionIds);
    }

    /**
     * A rules.d file answering these actions for one user with a polkit result: YES, NO, AUTH_SELF (the user's own
     * password through their agent), AUTH_ADMIN; replaces that user's previous rule file.
     */
    public Path rule(String user, String result, String... actionIds) throws IOException {
        StringBuilder js = new StringBuilder("polkit.addRule(function (action, subject) {\n");
        for (String id : actionIds) {
            js.append("    if (action.id == \"").append(id).append("\" && subject.user == \"").append(user)
                    .append("\") { return polkit.Result.").append(result).append("; }\n");
        }
        js.append("});\n");
        Path rule = Path.of("/etc/polkit-1/rules.d/49-" + user + ".rules");
        Files.createDirectories(rule.getParent());
        Files.writeString(rule, js);
        if (!installed.contains(rule)) {
            installed.add(rule);
        }
        return rule;
    }

    private void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        installed.add(to);
    }

    private static void reloadBus() {
        ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/dbus-send", "--system", "--type=method_call",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ReloadConfig");
    }

    @Override
    public void close() throws IOException {
        for (Path path : installed) {
            Files.deleteIfExists(path);
        }
        reloadBus();
    }
}
