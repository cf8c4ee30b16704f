// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.doctor.LgmpHeader;
import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.testkit.DaemonProcess;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledPolicies;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.SystemStack;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * bin/lg-admin as shipped, on the real stack: lg-daemon on the system bus with our D-Bus and polkit policy, polkitd
 * deciding for root and for a real non-root user, libvirtd running a real TCG guest whose shared memory doctor
 * examines — healthy, then with each mistake from looking-glass-facts.md §7–8 introduced one at a time.
 */
class AdminE2E {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();
    /** No rule: polkit's default for a caller outside an active session is an administrator's password. */
    private static final String REFUSED = "lg-admin: this change needs a password, and lg-admin could not ask for one"
            + " (it asks on a terminal, unless --no-ask-password is given); run it on a terminal, or with sudo, or ask"
            + " an administrator to allow it\n";

    private static SystemStack stack;
    private static InstalledPolicies policies;
    private static DBusConnection bus;
    private static DaemonProcess daemon;
    private static Connect libvirt;
    private static TestUser user;

    @BeforeAll
    static void startTheStack() throws Exception {
        Prerequisite.program("/usr/bin/setfacl", "acl");
        stack = SystemStack.start(1);
        policies = stack.policies;
        bus = stack.bus;
        daemon = stack.daemon();
        libvirt = stack.libvirt;
        user = stack.user(0);
    }


    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static ExternalProcess.Result admin(Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER;
        System.arraycopy(args, 0, command, 1, args.length);
        return ExternalProcess.run(TIMEOUT, env, command);
    }

    private static ExternalProcess.Result admin(String... args) {
        return admin(Map.of(), args);
    }

    private static String text(ExternalProcess.Result r) {
        return "exit " + r.exitCode() + "\n--- out\n" + r.stdout() + "--- err\n" + r.stderr() + "--- daemon\n" + daemon.log();
    }

    /** A defined guest without Looking Glass; close destroys it, undefines it and removes its shared memory. */
    private static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next();
        final String shmName = name + "-lg";
        final Path shm = Path.of("/dev/shm", shmName);
        final Domain domain;

        Guest() throws Exception {
            domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
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

        boolean aclApplied() throws Exception {
            String path = bus.getRemoteObject(BusNames.SERVICE, BusNames.MANAGER_PATH,
                    io.github.lgmanager.api.Manager.class).GetVmByName(name).getPath();
            Boolean applied = bus.getRemoteObject(BusNames.SERVICE, path, Properties.class)
                    .Get(BusNames.VM_INTERFACE, "AclApplied");
            return applied;
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            Files.deleteIfExists(shm);
        }
    }

    @Test
    void rootEnablesThroughTheDaemonWithoutAPrompt() throws Exception {
        try (Guest guest = new Guest()) {
            ExternalProcess.Result dry = admin("enable", guest.name, "--user", user.name(), "--shm-name", guest.shmName,
                    "--dry-run");
            assertEquals(0, dry.exitCode(), text(dry));
            assertTrue(dry.stdout().contains("+    <shmem name='" + guest.shmName + "'>"), text(dry));
            assertTrue(!guest.xml().contains("<shmem"), "the dry run changed nothing");
            ExternalProcess.Result run = admin("enable", guest.name, "--user", user.name(), "--shm-name", guest.shmName);
            assertEquals(0, run.exitCode(), text(run));
            assertTrue(guest.xml().contains("<shmem name='" + guest.shmName + "'>"), guest.xml());
            ExternalProcess.Result list = admin("list");
            assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith(guest.name + " ") && l.contains(" on ")
                    && l.contains(user.name())), text(list));
        }
    }

    @Test
    void aNonRootUserIsRefusedByPolkitUntilARuleGrantsIt() throws Exception {
        try (Guest guest = new Guest()) {
            ExternalProcess.Result refused = user.run(LAUNCHER, "enable", guest.name, "--user", user.name(),
                    "--shm-name", guest.shmName);
            assertEquals(1, refused.exitCode(), text(refused));
            assertEquals(REFUSED, refused.stderr());
            ExternalProcess.Result preview = user.run(LAUNCHER, "enable", guest.name, "--dry-run");
            assertEquals(REFUSED, preview.stderr(), "the diff can show passwords: the same authorization");
            assertTrue(!guest.xml().contains("<shmem"), guest.xml());
            assertEquals(0, user.run(LAUNCHER, "show", guest.name, "--xml").exitCode(), "reading needs no authorization");

            Path rule = policies.grant(user.name(), "io.github.lgmanager1.configure");
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                ExternalProcess.Result allowed;
                do {
                    Thread.sleep(300);
                    allowed = user.run(LAUNCHER, "enable", guest.name, "--user", user.name(), "--shm-name", guest.shmName);
                } while (allowed.exitCode() != 0 && System.nanoTime() < deadline);
                assertEquals(0, allowed.exitCode(), text(allowed));
                assertTrue(guest.xml().contains("<shmem name='" + guest.shmName + "'>"), guest.xml());
            } finally {
                Files.deleteIfExists(rule);
            }
        }
    }

    @Test
    void doctorPassesOnAHealthyGuestAndNamesEachMistakeWithItsFix(@TempDir Path tools) throws Exception {
        // a stand-in client that leaves a mark if it is ever started, with the release stored as B7's build stores it
        Path client = tools.resolve("looking-glass-client");
        Path ran = tools.resolve("ran");
        Files.write(client, ("#!/bin/sh\ntouch '" + ran + "'\nexit 0\n\0B7\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(client.toFile().setExecutable(true, false));
        Map<String, String> env = Map.of("PATH", tools + ":/usr/sbin:/usr/bin:/sbin:/bin", "SUDO_USER", user.name());
        String protectedRegular = Files.readString(Path.of("/proc/sys/fs/protected_regular")).strip();
        // a healthy host protects links in sticky folders (doctor WARNs otherwise); put back as found
        String protectedSymlinks = Files.readString(Path.of("/proc/sys/fs/protected_symlinks")).strip();
        String protectedHardlinks = Files.readString(Path.of("/proc/sys/fs/protected_hardlinks")).strip();
        Files.writeString(Path.of("/proc/sys/fs/protected_symlinks"), "1");
        Files.writeString(Path.of("/proc/sys/fs/protected_hardlinks"), "1");
        Path tmpfiles = Path.of("/etc/tmpfiles.d", "lgmt-" + UniqueNames.next() + ".conf");
        try (Guest guest = new Guest()) {
            // --with-spice: SPICE on a socket only the user can reach (on TCP doctor WARNs: anyone could type in)
            assertEquals(0, admin("enable", guest.name, "--user", user.name(), "--shm-name", guest.shmName,
                    "--with-spice").exitCode());
            guest.domain.create();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!guest.aclApplied()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("lg-daemon never granted " + guest.shm + ": " + daemon.log());
                }
                Thread.sleep(200);
            }
            writeHeader(guest.shm, LgmpHeader.write(6, 20, "B7", 0));

            ExternalProcess.Result healthy = admin(env, "doctor", guest.name);
            assertEquals(0, healthy.exitCode(), text(healthy));
            assertTrue(healthy.stdout().contains("host B7 (LGMP 6, KVMFR 20), matches looking-glass-client B7"),
                    text(healthy));
            assertTrue(healthy.stdout().lines().filter(l -> l.startsWith("PASS")).count() >= 16, text(healthy));
            assertFalse(Files.exists(ran), "doctor read the client's release without starting it");
            // the real B7 build (scripts/test passes it): its release is read from the program file too
            Path real = Path.of(System.getProperty("lg.client", ""));
            if (!Files.isExecutable(real)) {
                throw new AssertionError("no real looking-glass-client given (-Dlg.client): run scripts/test, which builds it");
            }
            Path realTools = Files.createDirectories(tools.resolve("real"));
            Files.createSymbolicLink(realTools.resolve("looking-glass-client"), real);
            ExternalProcess.Result withReal = admin(Map.of("PATH", realTools + ":/usr/sbin:/usr/bin:/sbin:/bin",
                    "SUDO_USER", user.name()), "doctor", guest.name);
            assertTrue(withReal.stdout().contains("host B7 (LGMP 6, KVMFR 20), matches looking-glass-client B7"),
                    text(withReal));

            // missing ACL
            ExternalProcess.check(TIMEOUT, "/usr/bin/setfacl", "-x", "u:" + user.name(), guest.shm.toString());
            expect(env, guest, 1, "FAIL  " + guest.name + ": acl ", "does not grant " + user.name(),
                    "fix: systemctl restart lg-daemon (it re-grants the users of every running VM");
            // read commands only read, also with --connect (lg-admin once ran the daemon's supervisor in-process
            // there, whose reconcile granted): the missing grant stays missing after each
            String aclBefore = ExternalProcess.check(TIMEOUT, "/usr/bin/getfacl", "--omit-header", "-p", guest.shm.toString());
            ExternalProcess.Result direct = admin(env, "--connect", "qemu:///system", "doctor", guest.name);
            assertEquals(1, direct.exitCode(), text(direct));
            ExternalProcess.Result listed = admin(env, "--connect", "qemu:///system", "list");
            assertEquals(0, listed.exitCode(), text(listed));
            assertTrue(listed.stdout().contains(guest.name), text(listed));
            ExternalProcess.Result shown = admin(env, "--connect", "qemu:///system", "show", guest.name);
            assertEquals(0, shown.exitCode(), text(shown));
            assertTrue(shown.stdout().contains(guest.shm.toString()), text(shown));
            String acl = ExternalProcess.check(TIMEOUT, "/usr/bin/getfacl", "--omit-header", "-p", guest.shm.toString());
            assertEquals(aclBefore, acl, "a read command with --connect changed the ACL");
            assertTrue(!acl.contains("user:" + user.name() + ":"), "a read command with --connect granted: " + acl);
            // the fix doctor printed, done as a user would (the unit's restart is a stop and a start), with the guest
            // left running: the grant is back and the guest never rebooted (same QEMU, same file)
            int guestId = guest.domain.getID();
            Object fileKey = Files.readAttributes(guest.shm, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            daemon = stack.restartDaemon(() -> {
                // root with the daemon down: doctor reads libvirt itself and says so, and still changes nothing
                String xmlBefore = guest.xml();
                String liveBefore = guest.domain.getXMLDesc(0);
                ExternalProcess.Result down = admin(env, "doctor", guest.name);
                assertEquals(1, down.exitCode(), text(down));
                assertTrue(down.stdout().lines().anyMatch(l -> l.startsWith("FAIL  daemon ")), text(down));
                assertEquals(1, down.stdout().lines().filter(l -> l.contains("read from libvirt at qemu:///system directly"))
                        .count(), text(down));
                assertTrue(down.stdout().lines().anyMatch(l -> l.startsWith("FAIL  " + guest.name + ": acl ")
                        && l.contains("does not grant " + user.name())), text(down));
                assertTrue(down.stdout().lines().anyMatch(l -> l.startsWith("PASS  " + guest.name + ": device ")), text(down));
                assertEquals(aclBefore, ExternalProcess.check(TIMEOUT, "/usr/bin/getfacl", "--omit-header", "-p",
                        guest.shm.toString()), "doctor with the daemon down changed the ACL");
                assertEquals(xmlBefore, guest.xml(), "doctor with the daemon down changed the definition");
                assertEquals(liveBefore, guest.domain.getXMLDesc(0), "doctor with the daemon down changed the running VM");
            });
            long regranted = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!guest.aclApplied()) {
                if (System.nanoTime() > regranted) {
                    throw new AssertionError("the restarted lg-daemon never re-granted " + guest.shm + ": " + daemon.log());
                }
                Thread.sleep(200);
            }
            assertEquals(guestId, guest.domain.getID(), "the guest was restarted");
            assertEquals(fileKey, Files.readAttributes(guest.shm, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey(), "the shared memory file was replaced");
            assertTrue(ExternalProcess.check(TIMEOUT, "/usr/bin/getfacl", "--omit-header", "-p", guest.shm.toString())
                    .contains("user:" + user.name() + ":rw-"), "no grant after the restart");
            ExternalProcess.Result fixed = admin(env, "doctor", guest.name);
            assertTrue(fixed.stdout().lines().anyMatch(l -> l.startsWith("PASS  " + guest.name + ": acl ")), text(fixed));

            // wrong owner (a hook script's chown, or a pre-created file)
            String qemuOwner = Files.getOwner(guest.shm, LinkOption.NOFOLLOW_LINKS).getName();
            ExternalProcess.check(TIMEOUT, "/usr/bin/chown", user.name(), guest.shm.toString());
            expect(env, guest, 1, "FAIL  " + guest.name + ": owner ", "owned by " + user.name() + ", expected "
                    + qemuOwner, "rm " + guest.shm);

            // fs.protected_regular with that file pre-created by the user
            Files.writeString(Path.of("/proc/sys/fs/protected_regular"), "1");
            expect(env, guest, 1, "FAIL  " + guest.name + ": protected_regular ", "fs.protected_regular=1",
                    "rm " + guest.shm);
            Files.writeString(Path.of("/proc/sys/fs/protected_regular"), protectedRegular);
            ExternalProcess.check(TIMEOUT, "/usr/bin/chown", qemuOwner, guest.shm.toString());

            // a tmpfiles.d line from the old setup guides
            Files.writeString(tmpfiles, "f " + guest.shm + " 0660 " + user.name() + " kvm -\n");
            expect(env, guest, 1, "FAIL  " + guest.name + ": tmpfiles ", tmpfiles + ":1 creates " + guest.shm,
                    "delete that line");
            Files.delete(tmpfiles);

            // too small for the resolution: the running daemon corrects that at once (it keeps the device sized
            // for the resolution), so doctor finds it fixed; the FAIL it would print is covered by VmChecksTest
            String good = guest.xml();
            libvirt.domainDefineXML(good.replaceFirst("<size unit='M'>32</size>", "<size unit='M'>16</size>"));
            long correctedBy = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (!guest.xml().contains("<size unit='M'>32</size>") && System.nanoTime() < correctedBy) {
                Thread.sleep(50);
            }
            ExternalProcess.Result corrected = admin(env, "doctor", guest.name);
            assertEquals(0, corrected.exitCode(), text(corrected));
            assertTrue(corrected.stdout().contains("32 MiB for 1920x1080 (needs 32)"), text(corrected));
            // no SPICE graphics
            // (libvirt added <audio type='spice'/> for the graphics; it refuses one without the other)
            libvirt.domainDefineXML(good.replaceFirst("<graphics type='spice'[^>]*>(\\s*<listen[^>]*/>)*\\s*</graphics>|"
                    + "<graphics type='spice'[^>]*/>", "").replaceAll("<audio [^>]*type='spice'[^>]*/>", ""));
            expect(env, guest, 3, "WARN  " + guest.name + ": spice ", "no SPICE graphics",
                    "lg-admin enable " + guest.name + " --with-spice");
            libvirt.domainDefineXML(good);

            // host application of another release
            writeHeader(guest.shm, LgmpHeader.write(5, 19, "B6", 0));
            expect(env, guest, 1, "FAIL  " + guest.name + ": host app ", "host B6 (LGMP 5, KVMFR 19) does not match"
                    + " looking-glass-client B7", "same release on both sides");
            // host application not running
            writeHeader(guest.shm, new byte[LgmpHeader.BYTES]);
            expect(env, guest, 3, "WARN  " + guest.name + ": host app ", "has not written to " + guest.shm,
                    "start the host application");

            ExternalProcess.Result json = admin(env, "doctor", guest.name, "--json");
            assertTrue(json.stdout().startsWith("{\"result\":\"warn\",\"checks\":[{\"id\":\"host.daemon\",\"vm\":\"\",\"status\":\"PASS\""),
                    text(json));
        } finally {
            Files.writeString(Path.of("/proc/sys/fs/protected_regular"), protectedRegular);
            Files.writeString(Path.of("/proc/sys/fs/protected_symlinks"), protectedSymlinks);
            Files.writeString(Path.of("/proc/sys/fs/protected_hardlinks"), protectedHardlinks);
            Files.deleteIfExists(tmpfiles);
        }
    }

    private static void expect(Map<String, String> env, Guest guest, int exitCode, String line, String message, String fix) {
        ExternalProcess.Result r = admin(env, "doctor", guest.name);
        assertEquals(exitCode, r.exitCode(), text(r));
        String found = r.stdout().lines().filter(l -> l.startsWith(line)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + line + "' in\n" + text(r)));
        assertTrue(found.contains(message), found);
        int at = r.stdout().indexOf(found) + found.length() + 1;
        String next = r.stdout().substring(at).lines().findFirst().orElse("");
        assertTrue(next.strip().startsWith("fix: ") && next.contains(fix), "fix line after '" + found + "': " + next);
    }

    /** What the Windows host application would have written; the TCG guest has no host application. */
    private static void writeHeader(Path shm, byte[] header) throws Exception {
        try (FileChannel channel = FileChannel.open(shm, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.write(ByteBuffer.wrap(header), 0);
        }
    }
}
