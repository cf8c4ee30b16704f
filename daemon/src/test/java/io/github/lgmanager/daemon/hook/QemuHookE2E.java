// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.InstalledHook;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The qemu hook as libvirtd runs it, before QEMU, on real starts (`virsh start`), with no lg-daemon running at
 * all: what QEMU opens is always the file the hook just made, a start it cannot make safe is refused with our
 * message in libvirt's error, and VMs without Looking Glass start as before.
 */
class QemuHookE2E {
    private static InstalledHook hook;
    private static Connect libvirt;
    private static TestUser alice;
    private static TestUser stranger;

    @BeforeAll
    static void installTheHook() throws Exception {
        Prerequisite.root();
        alice = TestUser.create();
        stranger = TestUser.create();
        hook = InstalledHook.install();
        libvirt = RealLibvirt.connect();
    }

    @AfterAll
    static void removeTheHook() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {libvirt == null ? null : libvirt::close, hook, alice, stranger}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A Looking Glass VM as lg-admin enable leaves it (our metadata and device), defined straight in libvirt. */
    private static final class Guest implements AutoCloseable {
        final String name = UniqueNames.next();
        final Path shm;
        final Domain domain;

        Guest(String shmName) throws Exception {
            LookingGlassSettings settings = LookingGlassSettings.defaultsFor(name).withUsers(List.of(alice.name()));
            if (shmName != null) {
                settings = settings.withShmName(shmName);
            }
            shm = Path.of(settings.shmPath());
            domain = libvirt.domainDefineXML(DomainXmlEditor.enable(TestGuest.xmlWithoutShmem(name), settings).xml());
        }

        @Override
        public void close() throws Exception {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            if (Files.isDirectory(shm, LinkOption.NOFOLLOW_LINKS)) {
                ExternalProcess.check(Duration.ofSeconds(10), "/bin/rm", "-rf", shm.toString());
            }
            Files.deleteIfExists(shm);
        }
    }

    private static String acl(Path path) {
        return ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/getfacl", "-n", "-p", "--omit-header",
                path.toString());
    }

    private static long inode(Path path) throws Exception {
        return ((Number) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Test
    void aSymlinkAStrangerPlantedIsReplacedBeforeQemuOpensTheName() throws Exception {
        Path target = Files.createTempFile(Path.of("/var/tmp"), "lgmt-target", ".bin");
        try (Guest guest = new Guest(null)) {
            ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/truncate", "-s", "32M", target.toString());
            ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "666", target.toString());
            assertTrue(stranger.run("/bin/ln", "-s", target.toString(), guest.shm.toString()).ok());
            String targetAcl = acl(target);

            long started = System.nanoTime();
            guest.domain.create();
            System.out.println("start with the hook: " + (System.nanoTime() - started) / 1_000_000 + " ms");

            assertFalse(Files.isSymbolicLink(guest.shm));
            assertEquals(targetAcl, acl(target), "QEMU never wrote through the link, and nobody set an ACL on it");
            assertEquals(qemuUid(guest), ownerOf(guest.shm), "made for the user QEMU runs as");
            assertEquals("user::rw-\nuser:" + alice.uid() + ":rw-\ngroup::---\nmask::rw-\nother::---\n\n",
                    acl(guest.shm));
            assertFalse(stranger.canRead(guest.shm.toString()));
            assertTrue(alice.canReadAndWrite(guest.shm.toString()), "no daemon runs: the hook granted her");
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    void everyStartGetsANewFileSoAnOldDescriptorSeesNothingOfIt() throws Exception {
        try (Guest guest = new Guest(null)) {
            guest.domain.create();
            long first = inode(guest.shm);
            guest.domain.destroy();

            guest.domain.create();

            assertNotEquals(first, inode(guest.shm));
        }
    }

    @Test
    void aStartTheHookCannotMakeSafeIsRefusedWithItsReasonInLibvirtsError() throws Exception {
        try (Guest guest = new Guest(null)) {
            assertTrue(stranger.run("/bin/sh", "-c", "mkdir '" + guest.shm + "' && touch '" + guest.shm + "/x'").ok());

            var refused = assertThrows(LibvirtException.class, guest.domain::create);

            assertTrue(refused.getMessage().contains("lg-manager: VM '" + guest.name + "' was not started: cannot"
                    + " prepare " + guest.shm), refused.getMessage());
            assertTrue(refused.getMessage().contains("a folder with files in it is there"), refused.getMessage());
            assertEquals(0, guest.domain.isActive());
        }
    }

    @Test
    void aVmAskingForTheFileOfARunningVmIsRefusedNamingIt() throws Exception {
        try (Guest first = new Guest(null); Guest second = new Guest(first.shm.getFileName().toString())) {
            first.domain.create();

            var refused = assertThrows(LibvirtException.class, second.domain::create);

            assertTrue(refused.getMessage().contains("is in use by the running VM '" + first.name + "'"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("lg-admin enable " + second.name + " --shm-name looking-glass-"
                    + second.name), refused.getMessage());
        }
    }

    @Test
    void aVmWithoutLookingGlassStartsAsBeforeAndItsFileIsLeftToQemu() throws Exception {
        String name = UniqueNames.next();
        Domain plain = libvirt.domainDefineXML(TestGuest.xml(name, name + "-theirs", 32));
        Path theirs = Path.of("/dev/shm/" + name + "-theirs");
        try {
            plain.create();
            assertEquals(1, plain.isActive());
            assertEquals(0644, (Integer) Files.getAttribute(theirs, "unix:mode") & 07777,
                    "not ours: QEMU made it as it always does");
        } finally {
            if (plain.isActive() == 1) {
                plain.destroy();
            }
            plain.undefine();
            Files.deleteIfExists(theirs);
        }
    }

    private static int ownerOf(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int qemuUid(Guest guest) throws Exception {
        String pid = Files.readString(Path.of("/run/libvirt/qemu", guest.name + ".pid")).strip();
        return (Integer) Files.getAttribute(Path.of("/proc", pid), "unix:uid");
    }
}
