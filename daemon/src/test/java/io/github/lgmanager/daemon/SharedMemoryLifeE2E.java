// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.EnableOptionsCodec;
import static io.github.lgmanager.daemon.ShmLifeStack.SIGNAL_TIMEOUT;
import static io.github.lgmanager.daemon.ShmLifeStack.acl;
import static io.github.lgmanager.daemon.ShmLifeStack.alice;
import static io.github.lgmanager.daemon.ShmLifeStack.bob;
import static io.github.lgmanager.daemon.ShmLifeStack.bus;
import static io.github.lgmanager.daemon.ShmLifeStack.daemon;
import static io.github.lgmanager.daemon.ShmLifeStack.inode;
import static io.github.lgmanager.daemon.ShmLifeStack.settle;
import static io.github.lgmanager.daemon.ShmLifeStack.signals;
import static io.github.lgmanager.daemon.ShmLifeStack.stranger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.Manager;
import io.github.lgmanager.daemon.ShmLifeStack.Guest;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.TestUser;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared-memory file's life as users meet it, through lg-daemon on the real stack (libvirtd + QEMU, the
 * system bus, polkitd), without the qemu hook: only the VM's listed users can ever open its file, at any moment,
 * and the file never blocks a boot. Each test is a first-week journey: two VMs, a user removed, a resolution
 * grown, a stranger hammering open() while the VM starts, things planted in /dev/shm.
 */
class SharedMemoryLifeE2E {

    @BeforeAll
    static void startTheStack() throws Exception {
        ShmLifeStack.start();
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        ShmLifeStack.stop();
    }

    @Test
    void twoVmsEnabledWithDefaultsEachHaveAFileOnlyTheirOwnUserCanOpen() throws Exception {
        try (Guest a = new Guest(); Guest b = new Guest()) {
            a.enableFor(alice);
            b.enableFor(bob);

            assertEquals(Path.of("/dev/shm/looking-glass-" + a.name), a.shm());
            assertEquals(Path.of("/dev/shm/looking-glass-" + b.name), b.shm());
            a.startAndAwaitDisplay();
            b.startAndAwaitDisplay();

            assertTrue(alice.canReadAndWrite(a.shm().toString()));
            assertTrue(bob.canReadAndWrite(b.shm().toString()));
            assertFalse(bob.canRead(a.shm().toString()), "bob cannot see alice's VM");
            assertFalse(alice.canRead(b.shm().toString()), "alice cannot see bob's VM");
            assertFalse(stranger.canRead(a.shm().toString()), "an unlisted user sees nothing");
            String acl = acl(a.shm());
            assertTrue(acl.contains("group::---\n") && acl.contains("other::---\n"), acl);
            assertFalse(acl.contains("user:" + bob.uid() + ":"), acl);
        }
    }

    @Test
    void aUserRemovedFromARunningVmLosesAccessAtOnce() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice, bob);
            guest.startAndAwaitDisplay();
            assertTrue(bob.canReadAndWrite(guest.shm().toString()));

            guest.vm.SetUsers(List.of(alice.name()));

            assertFalse(bob.canRead(guest.shm().toString()), "removed, so no access now: " + acl(guest.shm()));
            assertTrue(alice.canReadAndWrite(guest.shm().toString()));
        }
    }

    @Test
    void growingTheResolutionThenStartingBootsTheVmWithTheLargerFile() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice);
            guest.startAndAwaitDisplay();
            guest.stopAndAwaitClose();

            List<String> notes = guest.vm.Configure(EnableOptionsCodec.sized(3840, 2160, false, Map.of()));
            guest.startAndAwaitDisplay();

            assertEquals(Boolean.TRUE, guest.property("Running"), notes.toString());
            assertEquals(128L << 20, Files.size(guest.shm()));
            assertTrue(alice.canReadAndWrite(guest.shm().toString()));
        }
    }

    @Test
    void growingTheResolutionOfARunningVmAppliesAtItsNextBoot() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice);
            guest.startAndAwaitDisplay();

            guest.vm.Configure(EnableOptionsCodec.sized(3840, 2160, false, Map.of()));
            guest.stopAndAwaitClose();
            guest.startAndAwaitDisplay();

            assertEquals(128L << 20, Files.size(guest.shm()));
        }
    }

    @Test
    void aStrangerOpeningTheFileInATightLoopDuringFiveStartsGetsNothing() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice);
            Path shm = guest.shm();
            // bash opens with exec in the same process: tens of thousands of open() calls a second, no fork
            String loop = "f=$1; tries=0; got=0; while [ ! -e /tmp/lgmt-stop-" + guest.name + " ]; do"
                    + " tries=$((tries+1)); if { exec 3<\"$f\"; } 2>/dev/null; then got=$((got+1)); exec 3<&-; fi;"
                    + " done; echo \"$got $tries\"";
            Path stop = Path.of("/tmp/lgmt-stop-" + guest.name);
            var attacker = new ProcessBuilder("/usr/sbin/runuser", "-u", stranger.name(), "--", "/bin/bash", "-c",
                    loop, "loop", shm.toString()).redirectErrorStream(true).start();
            try {
                for (int start = 0; start < 5; start++) {
                    guest.startAndAwaitDisplay();
                    guest.stopAndAwaitClose();
                }
            } finally {
                Files.writeString(stop, "");
            }
            String[] result = new String(attacker.getInputStream().readAllBytes()).strip().split(" ");
            attacker.waitFor();
            Files.deleteIfExists(stop);
            System.out.println("stranger's open() loop over 5 starts: " + result[0] + " descriptors in " + result[1]
                    + " attempts");
            assertEquals("0", result[0], "descriptors the stranger obtained, of " + result[1] + " attempts");
            assertTrue(Long.parseLong(result[1]) > 1000, "the loop really ran: " + result[1]);
        }
    }

    @Test
    void aDescriptorOpenedByARemovedUserSeesNothingOfTheNextBoot() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice, bob);
            guest.startAndAwaitDisplay();
            long firstRun = inode(guest.shm());
            // bob keeps a descriptor from the run he was allowed to see
            var holder = new ProcessBuilder("/usr/sbin/runuser", "-u", bob.name(), "--", "/bin/bash", "-c",
                    "exec 3<\"$1\"; sleep 300", "hold", guest.shm().toString()).start();
            try {
                guest.vm.SetUsers(List.of(alice.name()));
                guest.stopAndAwaitClose();
                guest.startAndAwaitDisplay();

                assertNotEquals(firstRun, inode(guest.shm()), "the new boot has a new file, not bob's");
                assertFalse(bob.canRead(guest.shm().toString()));
            } finally {
                holder.destroy();
            }
        }
    }

    @Test
    void whatAStrangerPlantedAtTheNameBeforeEnableIsReplacedAndItsTargetNeverTouched() throws Exception {
        Path target = Files.createTempFile(Path.of("/var/tmp"), "lgmt-target", ".bin");
        try (Guest guest = new Guest()) {
            Path shm = Path.of("/dev/shm/looking-glass-" + guest.name);
            ExternalProcess.check(Duration.ofSeconds(10), "/usr/bin/truncate", "-s", "32M", target.toString());
            ExternalProcess.check(Duration.ofSeconds(10), "/bin/chmod", "666", target.toString());
            assertTrue(stranger.run("/bin/ln", "-s", target.toString(), shm.toString()).ok());
            String targetAcl = acl(target);

            guest.enableFor(alice);

            assertFalse(Files.isSymbolicLink(shm), "the link was removed, never followed");
            assertEquals(targetAcl, acl(target));
            guest.startAndAwaitDisplay();
            assertEquals(targetAcl, acl(target), "the start granted the real file, not the target");
            assertTrue(alice.canReadAndWrite(shm.toString()));
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    void aFileAStrangerPlantedIsReplacedSoTheirDescriptorNeverSeesTheVm() throws Exception {
        try (Guest guest = new Guest()) {
            Path shm = Path.of("/dev/shm/looking-glass-" + guest.name);
            assertTrue(stranger.run("/bin/sh", "-c", "truncate -s 32M '" + shm + "' && chmod 666 '" + shm + "'").ok());
            long planted = inode(shm);

            guest.enableFor(alice);
            guest.startAndAwaitDisplay();

            assertNotEquals(planted, inode(shm));
            assertFalse(stranger.canRead(shm.toString()));
            assertEquals(0, (Integer) Files.getAttribute(shm, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0007);
        }
    }

    @Test
    void aSecondHardLinkToTheFileIsCutOffAtTheNextStop() throws Exception {
        try (Guest guest = new Guest()) {
            guest.enableFor(alice);
            Path shm = guest.shm();
            Path otherName = Path.of("/dev/shm/" + UniqueNames.next());
            settle(guest); // else lg-daemon, handling the echo of its own Enable, already replaces the linked file
            try {
                Files.createLink(otherName, shm); // root can; protected_hardlinks stops ordinary users
                signals.clear();
                guest.domain.create();
                var failed = signals.await(Manager.DisplayFailed.class, s -> s.getVm().equals(guest.path),
                        SIGNAL_TIMEOUT, daemon.log());
                assertTrue(failed.getReason().contains("2 hard links"), failed.getReason());

                guest.stopAndAwaitClose();

                assertEquals(1, ((Number) Files.getAttribute(shm, "unix:nlink")).intValue());
                assertNotEquals(inode(otherName), inode(shm));
                guest.startAndAwaitDisplay();
                assertTrue(alice.canReadAndWrite(shm.toString()));
            } finally {
                Files.deleteIfExists(otherName);
            }
        }
    }

    @Test
    void aSecondVmAskingForAnotherVmsFileIsRefusedNamingIt() throws Exception {
        try (Guest a = new Guest(); Guest b = new Guest()) {
            a.enableFor(alice);
            String taken = a.shm().getFileName().toString();

            var refused = org.junit.jupiter.api.Assertions.assertThrows(DBusExecutionException.class,
                    () -> b.vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                            "users", new Variant<>(List.of(bob.name()), "as"), "shm_name", new Variant<>(taken)))));

            assertTrue(refused.getMessage().contains("also used by VM '" + a.name + "'"), refused.getMessage());
            assertEquals(Boolean.FALSE, b.property("Enabled"));
        }
    }

    @Test
    void withSpiceTheListedUserReachesSpiceOnASocketAndNobodyElseCan() throws Exception {
        try (Guest guest = new Guest()) {
            guest.vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(List.of(alice.name()), "as"), "with_spice", new Variant<>(true))));
            String socket = "/run/lg-manager/spice/looking-glass-" + guest.name + "/spice.sock";

            guest.startAndAwaitDisplay();
            Manager.DisplayReady ready = signals.await(Manager.DisplayReady.class, s -> s.getVm().equals(guest.path),
                    SIGNAL_TIMEOUT, daemon.log());

            assertEquals(socket, ready.getSpiceHost(), "the viewer is told the socket (looking-glass-client -c PATH -p 0)");
            assertEquals(0, ready.getSpicePort());
            assertEquals("connected", connectAs(alice, socket));
            assertTrue(connectAs(stranger, socket).contains("Permission denied"), "an unlisted user cannot connect");
            assertTrue(connectAs(bob, socket).contains("Permission denied"));
            assertFalse(guest.vm.GetXml().contains("port="), "no TCP listener is left: " + guest.vm.GetXml());

            guest.vm.SetUsers(List.of(bob.name()));
            assertEquals("connected", connectAs(bob, socket));
            assertTrue(connectAs(alice, socket).contains("Permission denied"), "alice was taken off the list");

            // Disable while it runs: the socket, like the file, closes to everyone at once
            guest.vm.Disable(Map.of());
            assertTrue(connectAs(bob, socket).contains("Permission denied"), "Disable left bob on SPICE");
        }
    }

    @Test
    void aVmWithSpiceOnOurSocketStillBootsAfterLookingGlassIsDisabled() throws Exception {
        try (Guest guest = new Guest()) {
            guest.vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, Map.of(
                    "users", new Variant<>(List.of(alice.name()), "as"), "with_spice", new Variant<>(true))));
            guest.vm.Disable(Map.of());

            guest.domain.create();

            assertEquals(1, guest.domain.isActive(), "SPICE's folder was still there for QEMU's socket");
        }
    }

    /** Connects to a UNIX socket as this user, as looking-glass-client's SPICE client would. */
    private static String connectAs(TestUser who, String socket) {
        ExternalProcess.Result r = who.run("/usr/bin/python3", "-c", "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX)\n"
                + "try:\n s.connect(sys.argv[1]); print('connected')\n"
                + "except OSError as e:\n print(e)", socket);
        return (r.stdout() + r.stderr()).strip();
    }

    @Test
    void disablingAStoppedVmRemovesItsFileAndARunningOneRevokesEveryone() throws Exception {
        try (Guest stopped = new Guest(); Guest running = new Guest()) {
            stopped.enableFor(alice);
            Path file = stopped.shm();
            assertTrue(Files.exists(file));
            stopped.vm.Disable(Map.of());
            assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "nothing of ours is left in /dev/shm");

            running.enableFor(alice);
            running.startAndAwaitDisplay();
            Path live = running.shm();
            running.vm.Disable(Map.of());
            assertFalse(alice.canRead(live.toString()), "revoked while the VM still runs: " + acl(live));
        }
    }
}
