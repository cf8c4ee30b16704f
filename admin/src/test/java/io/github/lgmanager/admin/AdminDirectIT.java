// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Cli.Run;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import io.github.lgmanager.testkit.SharedMemoryLeftovers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** Every command with --connect test:///default: the daemon's own logic in this process, no bus. */
class AdminDirectIT {
    private static final String URI = InProcessDaemon.TEST_DRIVER;
    private Connect libvirt;
    private Domain domain;
    private String name;

    @BeforeEach
    void defineAVm() throws Exception {
        libvirt = new Connect(URI);
        name = UniqueNames.next();
        domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
    }

    @AfterEach
    void undefineIt() throws Exception {
        domain.undefine();
        libvirt.close();
        SharedMemoryLeftovers.removeThisRuns(); // what each lg-admin --connect made for the test driver's VM
    }

    private static Run admin(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--connect";
        full[1] = URI;
        System.arraycopy(args, 0, full, 2, args.length);
        return Cli.run(full);
    }

    private String persistentXml() throws Exception {
        return domain.getXMLDesc(Domain.XMLFlags.INACTIVE);
    }

    @Test
    void listShowsEveryVmWithLookingGlassOff() {
        Run run = admin("list");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("NAME "), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("shut off") && l.contains(" off ")),
                run.out());
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
        String before = persistentXml();
        Run run = admin("enable", name, "--resolution", "1440p", "--user", "nobody", "--dry-run");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("--- " + name + ".xml (now)\n+++ " + name + ".xml (after)\n@@ "), run.out());
        assertTrue(run.out().contains("+      <size unit='M'>64</size>"), run.out());
        assertTrue(run.out().contains("+      <lgm:user>nobody</lgm:user>") || run.out().contains("nobody"), run.out());
        assertEquals(before, persistentXml());
    }

    @Test
    void enableThenListShowThenResizeSetDisable() throws Exception {
        Run enable = admin("enable", name, "--resolution", "1920x1080", "--user", "nobody", "--auto-open",
                "--for-user", "nobody", "--client-option", "egl:scale=2", "--no-memballoon");
        assertEquals(0, enable.exitCode(), enable.toString());
        assertTrue(persistentXml().contains("<size unit='M'>32</size>"), persistentXml());
        assertTrue(persistentXml().contains("<memballoon model='none'"), persistentXml());

        Run list = admin("list", "--json");
        assertTrue(list.out().contains("{\"name\":\"" + name + "\","), list.out());
        assertTrue(list.out().contains("\"lookingGlass\":true,\"mode\":\"shm\",\"shmPath\":\"/dev/shm/looking-glass-" + name + "\","
                + "\"shmSizeMiB\":32,\"requiredSizeMiB\":32,\"width\":1920,\"height\":1080"), list.out());

        Run show = admin("show", name);
        assertTrue(show.out().contains("looking glass:   on"), show.out());
        assertTrue(show.out().contains("users:           nobody"), show.out());
        assertTrue(show.out().contains("client options:  egl:scale=2"), show.out());
        assertTrue(admin("show", name, "--xml").out().contains("<shmem name='looking-glass-" + name + "'>"));
        assertTrue(admin("show", name, "--json").out().contains("\"autoOpenUsers\":[\"nobody\"]"));

        Run resize = admin("resize", name, "--resolution", "4k", "--hdr");
        assertEquals(0, resize.exitCode(), resize.toString());
        assertTrue(persistentXml().contains("<size unit='M'>256</size>"), persistentXml());

        Run set = admin("set", name, "--no-auto-open", "--for-user", "nobody", "--client-option",
                "win:fullScreen=yes");
        assertEquals(0, set.exitCode(), set.toString());
        assertTrue(admin("show", name, "--json").out().contains(
                "\"autoOpenUsers\":[],\"clientOptions\":[\"win:fullScreen=yes\"]"));

        Run dry = admin("disable", name, "--dry-run");
        assertTrue(dry.out().contains("-    <shmem name='looking-glass-" + name + "'>"), dry.out());
        assertTrue(persistentXml().contains("<shmem"), "dry run changed nothing");
        Run disable = admin("disable", name);
        assertEquals(0, disable.exitCode(), disable.toString());
        assertTrue(!persistentXml().contains("<shmem"), persistentXml());

        // the same command twice is not a failure: the VM is as asked, and the second run says so
        String before = persistentXml();
        Run again = admin("disable", name);
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("Looking Glass is already off for VM '" + name + "'; nothing changed\n", again.out());
        assertEquals(before, persistentXml());
    }

    @Test
    void firstEnableAsRootWithoutUserSaysNobodyWasChosen() {
        Run run = admin("enable", name, "--dry-run");
        assertTrue(run.out().startsWith("users: none (no --user given, and no invoking user but root; add one with:"
                + " lg-admin set " + name + " --add-user USER)"), run.out());
    }

    @Test
    void firstEnableUnderSudoChoosesTheInvokingUserAndSaysSo() throws Exception {
        Host sudo = new Host(java.util.Map.of("SUDO_USER", "nobody"), "root", java.nio.file.Path.of("/"));
        Run run = Cli.run(sudo, "--connect", URI, "enable", name);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("users: nobody (the invoking user; choose others with --user)"), run.out());
        assertTrue(persistentXml().contains("nobody"), persistentXml());
    }

    @Test
    void anUnknownVmNamesTheKnownOnes() {
        Run run = admin("show", "lgmt-no-such-vm");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("lg-admin: no VM named 'lgmt-no-such-vm' (known: "), run.err());
        assertTrue(run.err().contains(name), run.err());
    }

    @Test
    void theDaemonsRefusalsAreOneLine() {
        Run unknownUser = admin("enable", name, "--user", "lgmt-nobody-here");
        assertEquals(1, unknownUser.exitCode());
        assertEquals("lg-admin: no user named 'lgmt-nobody-here' on this system; create it first or check the spelling\n",
                unknownUser.err());
        Run notEnabled = admin("resize", name, "--resolution", "1080p");
        assertEquals(1, notEnabled.exitCode());
        assertTrue(notEnabled.err().contains("enable it first (lg-admin enable " + name + ")"), notEnabled.err());
        Run badOption = admin("enable", name, "--client-option", "novalue");
        assertEquals(2, badOption.exitCode(), "refused as a usage error before libvirt is asked");
        assertEquals(1, badOption.problems().lines().count(), badOption.err());
    }

    @Test
    void aBadUriFailsWithLibvirtsWordsAndTheWayOut() {
        Run run = Cli.run("--connect", "lgmt-bogus:///nowhere", "list");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("lg-admin: cannot connect to libvirt at lgmt-bogus:///nowhere"), run.err());
        assertTrue(run.err().contains("virsh -c lgmt-bogus:///nowhere list"), run.err());
    }

    @Test
    void doctorOnATestDriverVmNamesWhatIsMissing() {
        Run run = admin("doctor", name);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL  " + name + ": device"), run.out());
        assertTrue(run.out().contains("fix: lg-admin enable " + name), run.out());
        admin("enable", name, "--user", "nobody");
        Run after = admin("doctor", name, "--json");
        assertEquals(3, after.exitCode(), after.toString());
        assertTrue(after.out().contains("{\"id\":\"vm.device\",\"vm\":\"" + name + "\",\"status\":\"PASS\""), after.out());
        assertTrue(after.out().contains("{\"id\":\"host.client.release\",\"vm\":\"\",\"status\":\"WARN\""), after.out());
    }
}
