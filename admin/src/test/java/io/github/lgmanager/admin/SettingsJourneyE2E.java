// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.SystemStack;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The settings rule as users live with it: bin/lg-admin as shipped, lg-daemon on the system bus with polkitd, a real
 * libvirtd. Settings not given are kept, disable keeps them for the next enable, set is one definition, conflicting
 * flags change nothing, auto-open is each listed user's own choice, and disable --forget restores the original.
 */
class SettingsJourneyE2E {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();

    private static SystemStack stack;
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser alice;
    private static TestUser bob;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.program("/usr/bin/setfacl", "acl");
        stack = SystemStack.start(2);
        policies = stack.policies;
        bus = stack.bus;
        daemon = stack.daemon();
        libvirt = stack.libvirt;
        alice = stack.user(0);
        bob = stack.user(1);
    }


    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static ExternalProcess.Result admin(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER;
        System.arraycopy(args, 0, command, 1, args.length);
        return ExternalProcess.run(TIMEOUT, command);
    }

    private static String text(ExternalProcess.Result r) {
        return "exit " + r.exitCode() + "\n--- out\n" + r.stdout() + "--- err\n" + r.stderr();
    }

    private static ExternalProcess.Result ok(ExternalProcess.Result r) {
        assertEquals(0, r.exitCode(), text(r));
        return r;
    }

    /** A defined guest (lga- names: this helper's own) without Looking Glass or any metadata. */
    private static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next().replaceFirst("^lgmt-", "lga-");
        final Domain domain;
        final String original;

        Guest() throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
            original = xml();
            assertFalse(original.contains("<metadata"), original);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin("show", name).exitCode() != 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("lg-daemon never published " + name + ": " + daemon.log());
                }
                Thread.sleep(200);
            }
        }

        String xml() throws Exception {
            return domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
        }

        String json() {
            return ok(admin("show", name, "--json")).stdout();
        }

        /** How many definitions lg-daemon gave libvirt for this VM so far (it logs each one). */
        int defines() {
            Matcher m = Pattern.compile(Pattern.quote(name + ": definition updated")).matcher(daemon.log());
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            Files.deleteIfExists(Path.of("/dev/shm/looking-glass-" + name));
        }
    }

    @Test
    void enableWithSpiceOnA4kHdrVmKeeps4kHdrAndTheSize() throws Exception {
        try (Guest guest = new Guest()) {
            ok(admin("enable", guest.name, "--resolution", "4k", "--hdr", "--user", alice.name()));
            String before = guest.json();
            assertTrue(before.contains("\"shmSizeMiB\":256,\"requiredSizeMiB\":256,\"width\":3840,\"height\":2160,"
                    + "\"hdr\":true"), before);

            ExternalProcess.Result spice = ok(admin("enable", guest.name, "--with-spice"));

            assertTrue(guest.xml().contains("<graphics type='spice'"), guest.xml());
            String after = guest.json();
            assertTrue(after.contains("\"shmSizeMiB\":256,\"requiredSizeMiB\":256,\"width\":3840,\"height\":2160,"
                    + "\"hdr\":true"), text(spice) + after);
            assertTrue(after.contains("\"users\":[\"" + alice.name() + "\"]"), after);

            ExternalProcess.Result again = ok(admin("enable", guest.name, "--with-spice"));
            assertTrue(again.stdout().contains("Looking Glass is already on for VM '" + guest.name
                    + "' with these settings; nothing changed"), text(again));
        }
    }

    @Test
    void disableThenEnableRestoresUsersResolutionAndOptionsAndForgetRestoresTheOriginal() throws Exception {
        try (Guest guest = new Guest()) {
            ok(admin("enable", guest.name, "--resolution", "1440p", "--user", alice.name(), "--user", bob.name(),
                    "--client-option", "egl:scale=2", "--auto-open", "--for-user", bob.name()));
            String on = guest.json();

            ExternalProcess.Result off = ok(admin("disable", guest.name));
            assertTrue(off.stdout().contains("are kept in the VM's metadata for the next enable"), text(off));
            String shown = ok(admin("show", guest.name)).stdout();
            assertTrue(shown.matches("(?s).*\\nkept for enable: +2560x1440 SDR, users " + alice.name() + ", " + bob.name()
                    + ", client options egl:scale=2\\n.*"), shown);
            ok(admin("enable", guest.name));

            assertEquals(on, guest.json(), "enable restored everything disable kept");

            ok(admin("disable", guest.name));
            ExternalProcess.Result forget = ok(admin("--connect", "qemu:///system", "disable", guest.name, "--forget"));
            assertTrue(forget.stdout().contains("its settings are forgotten"), text(forget));
            assertEquals(guest.original, guest.xml(), "as before the first enable, <metadata> gone with our settings");
        }
    }

    @Test
    void setWithSeveralChangesIsOneDefinitionAndTheSameValuesAreNone() throws Exception {
        try (Guest guest = new Guest()) {
            ok(admin("enable", guest.name, "--user", alice.name(), "--client-option", "egl:scale=2", "--client-option",
                    "win:fullScreen=yes", "--auto-open", "--for-user", alice.name()));
            int defines = guest.defines();

            ExternalProcess.Result set = ok(admin("set", guest.name, "--add-user", bob.name(), "--remove-client-option",
                    "egl:scale", "--no-auto-open", "--for-user", alice.name()));

            assertEquals(defines + 1, guest.defines(), text(set) + daemon.log());
            String json = guest.json();
            assertTrue(json.contains("\"users\":[\"" + alice.name() + "\",\"" + bob.name() + "\"],\"autoOpenUsers\":[],"
                    + "\"clientOptions\":[\"win:fullScreen=yes\"]"), json);

            String xml = guest.xml();
            ExternalProcess.Result same = ok(admin("set", guest.name, "--user", alice.name(), "--user", bob.name()));
            assertTrue(same.stdout().contains("already has these settings; nothing changed"), text(same));
            assertEquals(defines + 1, guest.defines());
            assertEquals(xml, guest.xml());
        }
    }

    @Test
    void conflictingFlagsAndBadValuesExitTwoAndChangeNothing() throws Exception {
        try (Guest guest = new Guest()) {
            ok(admin("enable", guest.name, "--user", alice.name()));
            String xml = guest.xml();
            int defines = guest.defines();
            String[][] refused = {
                {"set", guest.name, "--user", alice.name(), "--add-user", bob.name()},
                {"set", guest.name, "--add-user", bob.name(), "--remove-user", bob.name()},
                {"set", guest.name, "--client-option", "egl:scale=2", "--clear-client-options"},
                {"enable", guest.name, "--kvmfr", "--shm-name", "lg"},
                {"set", guest.name, "--resolution", "-5x100"},
                {"resize", guest.name, "--resolution", "5x"},
            };
            for (String[] args : refused) {
                ExternalProcess.Result r = admin(args);
                assertEquals(2, r.exitCode(), text(r));
                assertTrue(r.stderr().startsWith("lg-admin: "), text(r));
                assertEquals(1, r.stderr().lines().count(), text(r));
            }
            assertEquals(xml, guest.xml(), "byte-identical");
            assertEquals(defines, guest.defines());
        }
    }

    @Test
    void eachListedUserSetsTheirOwnAutoOpenWithoutAPromptAndOthersAreRefused() throws Exception {
        try (Guest guest = new Guest()) {
            ok(admin("enable", guest.name, "--user", alice.name()));

            ExternalProcess.Result own = alice.run(LAUNCHER, "set", guest.name, "--auto-open");
            assertEquals(0, own.exitCode(), text(own));
            assertTrue(guest.json().contains("\"autoOpenUsers\":[\"" + alice.name() + "\"]"), guest.json());
            assertTrue(ok(admin("show", guest.name)).stdout().contains("auto-open:       " + alice.name()
                    + " (each listed user's own choice)"), guest.json());

            String xml = guest.xml();
            ExternalProcess.Result notListed = bob.run(LAUNCHER, "set", guest.name, "--auto-open");
            assertEquals(1, notListed.exitCode(), text(notListed));
            assertTrue(notListed.stderr().contains("are not one of VM '" + guest.name + "''s users (" + alice.name()
                    + ")"), text(notListed));
            assertEquals(xml, guest.xml());
        }
    }
}
