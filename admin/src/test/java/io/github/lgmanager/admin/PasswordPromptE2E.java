// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.SystemStack;
import io.github.lgmanager.testkit.Terminal;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * A user at a terminal (a text console, ssh) changes a VM they may change after typing their password: bin/lg-admin
 * as shipped, run as a real non-root user on a real pseudo-terminal, against lg-daemon on the system bus, the real
 * polkitd (whose answer a rules.d file sets: the user's own password) and polkit's real text agent, pkttyagent,
 * which lg-admin starts for itself. The password goes through PAM (pam_unix, /etc/shadow) as on any host.
 */
class PasswordPromptE2E {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();
    private static final String PASSWORD = "Glass-" + UniqueNames.next();
    private static final String PROMPT = "Authentication is required to change a virtual machine's Looking Glass"
            + " configuration";
    private String name;
    private Domain domain;

    private static SystemStack stack;
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser user;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.program("/usr/bin/pkttyagent", "polkitd");
        stack = SystemStack.start(1);
        policies = stack.policies;
        bus = stack.bus;
        daemon = stack.daemon();
        libvirt = stack.libvirt;
        user = stack.user(0);
        user.setPassword(PASSWORD);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** A shut-off guest with the display on at 1080p SDR for the user, enabled by root (no prompt). */
    @BeforeEach
    void defineTheUsersVm() throws Exception {
        name = UniqueNames.next();
        domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        daemon.awaitVm(bus, name);
        ExternalProcess.Result enabled = ExternalProcess.run(WAIT, LAUNCHER, "enable", name, "--user", user.name(),
                "--shm-name", name + "-lg");
        assertEquals(0, enabled.exitCode(), enabled.stderr());
    }

    @AfterEach
    void removeIt() throws Exception {
        domain.undefine();
        Files.deleteIfExists(Path.of("/dev/shm", name + "-lg"));
    }

    private String json() {
        return ExternalProcess.run(WAIT, LAUNCHER, "show", name, "--json").stdout();
    }

    private Terminal lgAdmin(String arguments) throws Exception {
        return Terminal.start(user, LAUNCHER + " " + arguments + "; echo \"[exit $?]\"");
    }

    private String agentsLeft() {
        return ExternalProcess.run(Duration.ofSeconds(10), "/usr/bin/pgrep", "-u", user.name(), "-a", "pkttyagent").stdout();
    }

    @Test
    void theUserTypesTheirPasswordAtThePromptAndTheChangeIsMade() throws Exception {
        policies.rule(user.name(), "AUTH_SELF", Action.CONFIGURE.id());
        try (Terminal terminal = lgAdmin("set " + name + " --hdr")) {
            terminal.await("Password:", WAIT);
            assertTrue(terminal.screen().contains(PROMPT), terminal.screen());
            assertTrue(terminal.screen().contains("Authenticating as: " + user.name()), terminal.screen());
            terminal.type(PASSWORD);
            terminal.await("[exit ", WAIT);
            String screen = terminal.screen();
            assertTrue(screen.contains("[exit 0]"), screen + "\n" + daemon.log());
            assertTrue(screen.contains("resolution: 1920x1080 HDR"), screen);
            assertFalse(screen.contains(PASSWORD), "the password is never echoed:\n" + screen);
            System.out.println("--- the user's terminal ---\n" + screen);
        }
        assertTrue(json().contains("\"hdr\":true"), json());
        assertEquals("", agentsLeft(), "lg-admin's agent ends with it");
    }

    @Test
    void aWrongPasswordIsRefusedAndChangesNothing() throws Exception {
        policies.rule(user.name(), "AUTH_SELF", Action.CONFIGURE.id());
        String before = json();
        try (Terminal terminal = lgAdmin("set " + name + " --resolution 1440p")) {
            terminal.await("Password:", WAIT);
            terminal.type("not-" + PASSWORD);
            terminal.await("[exit ", WAIT);
            String screen = terminal.screen();
            assertTrue(screen.contains("[exit 1]"), screen);
            assertTrue(screen.contains("lg-admin: you are not allowed to change this VM's Looking Glass settings"
                    + " (polkit refused the action io.github.lgmanager1.configure, or the password was not accepted)"),
                    screen);
        }
        assertEquals(before, json(), "nothing changed");
        assertEquals("", agentsLeft());
    }

    @Test
    void noAskPasswordRefusesWithTheWayOutAndNeverPrompts() throws Exception {
        policies.rule(user.name(), "AUTH_SELF", Action.CONFIGURE.id());
        try (Terminal terminal = lgAdmin("--no-ask-password set " + name + " --hdr")) {
            terminal.await("[exit ", WAIT);
            String screen = terminal.screen();
            assertTrue(screen.contains("[exit 1]"), screen);
            assertFalse(screen.contains("Password:"), screen);
            assertTrue(screen.contains("lg-admin: this change needs a password, and lg-admin could not ask for one"),
                    screen);
        }
        assertTrue(json().contains("\"hdr\":false"), json());
    }

    @Test
    void aUserPolkitAllowsAndEveryReadAreNeverAsked() throws Exception {
        policies.rule(user.name(), "YES", Action.CONFIGURE.id());
        try (Terminal terminal = lgAdmin("set " + name + " --hdr && " + LAUNCHER + " show " + name)) {
            terminal.await("[exit ", WAIT);
            String screen = terminal.screen();
            assertTrue(screen.contains("[exit 0]"), screen);
            assertFalse(screen.contains("Password:"), screen);
            assertFalse(screen.contains("polkit may ask"), "no agent is started when none is needed:\n" + screen);
        }
        assertTrue(json().contains("\"hdr\":true"), json());
    }
}
