// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.Daemon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Cli.Run;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.TableAuthorizer;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** Every command through a real lg-daemon (test driver) on a private bus: the D-Bus path, previews and refusals. */
class AdminDaemonIT {
    private static final TableAuthorizer AUTHORIZER = new TableAuthorizer();
    private static InProcessDaemon daemon;
    private static Connect libvirt;
    private Domain domain;
    private String name;

    @BeforeAll
    static void startTheDaemon() throws Exception {
        daemon = InProcessDaemon.start(connection -> Daemon.started(InProcessDaemon.TEST_DRIVER, connection,
                AUTHORIZER, GuardedDisplayAccess.onThisMachine()));
        libvirt = new Connect(InProcessDaemon.TEST_DRIVER);
    }

    @AfterAll
    static void stopTheDaemon() throws Exception {
        libvirt.close();
        daemon.close();
    }

    @BeforeEach
    void defineAVm() throws Exception {
        AUTHORIZER.allowAll();
        name = UniqueNames.next();
        domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        daemon.awaitVm(name);
    }

    @AfterEach
    void undefineIt() throws Exception {
        domain.undefine();
    }

    private static Run admin(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--bus";
        full[1] = daemon.busAddress();
        System.arraycopy(args, 0, full, 2, args.length);
        return Cli.run(full);
    }

    private String persistentXml() throws Exception {
        return domain.getXMLDesc(Domain.XMLFlags.INACTIVE);
    }

    @Test
    void listAndShowReadTheDaemonsProperties() {
        Run list = admin("list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" off ")), list.out());
        Run show = admin("show", name, "--json");
        assertTrue(show.out().startsWith("{\"name\":\"" + name + "\",\"uuid\":\""), show.out());
    }

    @Test
    void dryRunGoesThroughPreviewEnableAndChangesNothing() throws Exception {
        String before = persistentXml();
        Run run = admin("enable", name, "--resolution", "2560x1440", "--hdr", "--user", "nobody", "--dry-run");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("+      <size unit='M'>128</size>"), run.out());
        assertEquals(before, persistentXml());
    }

    /**
     * The size of definition that ran lg-daemon out of memory while it made the diff: the daemon now sends the two
     * texts over the bus and lg-admin prints a diff of the change alone. The time is printed, not asserted.
     */
    @Test
    void aTwentyThousandLineDefinitionIsPreviewedThroughTheDaemon() throws Exception {
        StringBuilder filler = new StringBuilder("<metadata><big:filler xmlns:big='https://example.org/filler'>");
        for (int line = 0; line < 20_000; line++) {
            filler.append("<big:line n='").append(line).append("'/>\n");
        }
        domain = libvirt.domainDefineXML(persistentXml().replace("</uuid>", "</uuid>" + filler
                + "</big:filler></metadata>"));
        String before = persistentXml();
        assertTrue(before.lines().count() > 20_000, "libvirt keeps the foreign metadata line by line");

        long start = System.nanoTime();
        Run run = admin("enable", name, "--resolution", "1080p", "--user", "nobody", "--dry-run");
        System.out.printf("dry run of a %d-line definition through lg-daemon: %d ms%n", before.lines().count(),
                (System.nanoTime() - start) / 1_000_000);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\n+    <shmem name='looking-glass-" + name + "'>\n"), run.out());
        assertTrue(run.out().lines().count() < 100, "the diff shows the change, not the definition");
        assertEquals(before, persistentXml());
    }

    @Test
    void enableResizeSetDisableThroughTheDaemon() throws Exception {
        assertEquals(0, admin("enable", name, "--resolution", "1080p", "--user", "nobody").exitCode());
        assertTrue(persistentXml().contains("<size unit='M'>32</size>"), persistentXml());
        assertEquals(0, admin("resize", name, "--resolution", "1440p").exitCode());
        assertTrue(persistentXml().contains("<size unit='M'>64</size>"), persistentXml());
        Run set = admin("set", name, "--auto-open", "--for-user", "nobody", "--client-option", "egl:scale=2", "--user",
                "nobody");
        assertEquals(0, set.exitCode(), set.toString());
        assertTrue(admin("show", name, "--json").out().contains(
                "\"autoOpenUsers\":[\"nobody\"],\"clientOptions\":[\"egl:scale=2\"]"));
        assertTrue(admin("show", name, "--xml").out().contains("<shmem name='looking-glass-" + name + "'>"));
        Run preview = admin("disable", name, "--dry-run");
        assertTrue(preview.out().contains("-    <shmem name='looking-glass-" + name + "'>"), preview.out());
        assertEquals(0, admin("disable", name).exitCode());
        assertTrue(!persistentXml().contains("<shmem"), persistentXml());
    }

    @Test
    void aRefusalIsTheOneLineFromTheIssueAndPreviewsAreRefusedToo() throws Exception {
        AUTHORIZER.deny(Action.CONFIGURE);
        String before = persistentXml();
        String expected = "lg-admin: you are not allowed to change this VM's Looking Glass settings (polkit refused the"
                + " action io.github.lgmanager1.configure, or the password was not accepted); run the command with sudo, or ask"
                + " an administrator\n";
        for (String[] args : new String[][] {{"enable", name, "--user", "nobody"}, {"enable", name, "--dry-run"},
            {"set", name, "--user", "nobody"}}) {
            Run run = admin(args);
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(expected, run.problems());
        }
        assertEquals(before, persistentXml());
        assertEquals(0, admin("show", name, "--xml").exitCode(), "reading the XML needs no authorization");
    }

    @Test
    void unknownVmsAndBadArgumentsAreOneLine() {
        Run missing = admin("show", "lgmt-none");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("lg-admin: no VM named 'lgmt-none' (known: "), missing.err());
        Run badUser = admin("enable", name, "--user", "lgmt-nobody-here");
        assertEquals("lg-admin: no user named 'lgmt-nobody-here' on this system; create it first or check the spelling\n",
                badUser.err());
    }

    @Test
    void doctorThroughTheDaemonPassesTheDaemonAndLibvirtChecks() {
        admin("enable", name, "--user", "nobody", "--no-memballoon");
        Run run = admin("doctor", name);
        assertTrue(run.out().startsWith("PASS  daemon "), run.out());
        assertTrue(run.out().contains("PASS  libvirt "), run.out());
        assertTrue(run.out().contains("PASS  " + name + ": size "), run.out());
    }
}
