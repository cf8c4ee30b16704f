// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.daemon.vm.SupervisorFixture.boot;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.enableRequest;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.settings;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.uuidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmCommandException.Kind;
import io.github.lgmanager.core.settings.SpiceSockets;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.GuestExtra;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The commands that change definitions, through a real supervisor over libvirt in memory. */
class DefinitionServiceTest {
    private static final String LAB = uuidOf("lab");
    private static final String LAB_FILE = "/dev/shm/looking-glass-lab";
    private static final int ROOT = 0;
    private final SupervisorFixture f = new SupervisorFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void enableDefinesTheDeviceOnceAndMakesTheFileForTheNextBoot() throws Exception {
        f.plain("lab");
        f.connect();
        int mark = f.mark();

        List<String> notes = f.commands().enable(LAB, enableRequest(Optional.empty(), false, "alice"), ROOT);

        assertEquals(1, f.domains.defined.size());
        assertTrue(f.domains.defined.get(0).contains("<shmem name='looking-glass-lab'>"), f.domains.defined.get(0));
        assertEquals(List.of("ensure " + LAB_FILE + " (32 MiB) for [alice]", "changed lab"), f.since(mark));
        assertTrue(f.view("lab").enabled());
        assertFalse(notes.contains("nothing to change"), notes.toString());

        List<String> again = f.commands().enable(LAB, enableRequest(Optional.empty(), false, "alice"), ROOT);
        assertEquals(List.of("Looking Glass is already on for VM 'lab' with these settings; nothing changed"), again);
        assertEquals(1, f.domains.defined.size(), "an edit that changes nothing is never defined");
    }

    @Test
    void enableWithAFileAnotherVmUsesIsRefusedNamingItAndChangesNothing() throws Exception {
        f.enabled("other", settings("other", "bob").withShmName("shared"));
        f.plain("lab");
        f.connect();

        VmCommandException e = assertThrows(VmCommandException.class,
                () -> f.commands().enable(LAB, enableRequest(Optional.of("shared"), false, "alice"), ROOT));

        assertEquals(Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("'other'") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(List.of(), f.domains.defined);
    }

    @Test
    void enableKeepingTheOldSharedDefaultMovesTheVmToAFileOfItsOwn() throws Exception {
        f.enabled("other", settings("other", "bob").withShmName("looking-glass"));
        // enabled before per-VM names existed, then disabled: the settings (and the old name) stay in the metadata
        LookingGlassSettings old = settings("lab", "alice").withShmName("looking-glass");
        f.domains.put(DomainXmlEditor.disable(SupervisorFixture.enable(SupervisorFixture.definition("lab"), old)).xml());
        f.connect();
        assertEquals("/dev/shm/looking-glass", f.view("lab").shmPath());

        List<String> notes = f.commands().enable(LAB, enableRequest(Optional.empty(), false), ROOT);

        assertTrue(notes.get(0).startsWith("moved from /dev/shm/looking-glass (also used by another VM) to " + LAB_FILE),
                notes.toString());
        assertTrue(f.domains.defined.get(0).contains("<shmem name='looking-glass-lab'>"), f.domains.defined.get(0));
        assertEquals(LAB_FILE, f.view("lab").shmPath());
    }

    @Test
    void disablingARunningVmRevokesEveryoneAtOnce() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice", "bob"));
        f.connect();
        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        int mark = f.mark();

        List<String> notes = f.commands().disable(LAB, false);

        List<String> step = f.since(mark);
        assertTrue(step.contains("grant " + LAB_FILE + " to [] as " + SupervisorFixture.QEMU_UID), step.toString());
        assertFalse(step.contains("remove " + LAB_FILE), "QEMU still has it mapped: " + step);
        assertTrue(notes.contains("access to the running VM's shared memory was revoked for every user"), notes.toString());
        assertFalse(f.domains.defined.get(0).contains("<shmem"), f.domains.defined.get(0));
    }

    /** SPICE on our socket carries the screen and the keyboard: Disable closes it with the shared memory. */
    @Test
    void disablingARunningVmWithSpiceOnOurSocketClosesTheSocketToEveryoneToo() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        lab.persistent = DomainXmlEditor.enable(lab.persistent, settings("lab", "alice"),
                Set.of(GuestExtra.SPICE_GRAPHICS)).xml();
        f.connect();
        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        String socket = SpiceSockets.socketFor(LAB_FILE.substring("/dev/shm/".length()));
        assertTrue(f.since(0).contains("grant spice " + socket + " to [alice]"), f.since(0).toString());
        int mark = f.mark();

        f.commands().disable(LAB, false);

        List<String> step = f.since(mark);
        assertTrue(step.contains("grant " + LAB_FILE + " to [] as " + SupervisorFixture.QEMU_UID), step.toString());
        assertTrue(step.contains("grant spice " + socket + " to []"), step.toString());
    }

    @Test
    void disablingAStoppedVmRemovesItsFile() throws Exception {
        f.enabled("lab", settings("lab", "alice"));
        f.connect();
        int mark = f.mark();

        f.commands().disable(LAB, false);

        assertEquals(List.of("remove " + LAB_FILE, "changed lab"), f.since(mark));
        assertFalse(f.view("lab").enabled());
    }

    @Test
    void newUsersOfARunningVmAreGrantedAtOnceThenAnnounced() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        int mark = f.mark();

        f.commands().configure(LAB, SettingsChange.NONE.withUsers(Optional.of(List.of("alice", "bob"))), ROOT);

        List<String> step = f.since(mark);
        int grant = step.indexOf("grant " + LAB_FILE + " to [alice, bob] as " + SupervisorFixture.QEMU_UID);
        assertTrue(grant >= 0 && grant < step.indexOf("ready lab"), step.toString());
        assertEquals(List.of("alice", "bob"), f.view("lab").users());
    }

    @Test
    void aUserTheSystemDoesNotKnowIsRefusedAndNothingIsDefined() {
        f.enabled("lab", settings("lab", "alice"));
        f.connect();

        assertFails(Kind.INVALID_ARGUMENT, "no user named 'nobdy'", () -> f.commands().configure(LAB,
                SettingsChange.NONE.withUsers(Optional.of(List.of("nobdy"))), ROOT));
        assertEquals(List.of(), f.domains.defined);
    }

    @Test
    void commandsOnAVmWithoutLookingGlassAreRefusedWithTheCommandThatEnablesIt() {
        f.plain("lab");
        f.connect();

        assertFails(Kind.NOT_ENABLED, "lg-admin enable lab", () -> f.commands().disable(LAB, false));
        assertFails(Kind.NOT_ENABLED, "lg-admin enable lab", () -> f.commands().configure(LAB,
                SettingsChange.NONE.withResolution(2560, 1440, Optional.empty()), ROOT));
        assertFails(Kind.NOT_ENABLED, "lg-admin enable lab", () -> f.commands().configure(LAB,
                SettingsChange.NONE.withAutoOpen(Optional.of(true), Optional.empty()), ROOT));
        assertEquals(List.of(), f.domains.defined);
    }

    @Test
    void whileLibvirtdIsAwayABadRequestIsStillRefusedAsSuchAndAGoodOneSaysWhy() {
        f.plain("lab");
        f.connect();
        f.disconnect();

        assertFails(Kind.INVALID_ARGUMENT, "b7 or idd", () -> f.commands().enable(LAB,
                EnableRequest.KEEP_ALL.withSettings(SettingsChange.NONE.withFormula(Optional.of("b8"))), ROOT));
        assertFails(Kind.LIBVIRT, "not connected to libvirtd",
                () -> f.commands().enable(LAB, enableRequest(Optional.empty(), false, "alice"), ROOT));
    }

    @Test
    void enablingLiveHotPlugsTheDeviceAndGrantsTheRunningVm() throws Exception {
        InMemoryDomains.Guest lab = f.plain("lab");
        f.connect();
        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        int mark = f.mark();

        List<String> notes = f.commands().enable(LAB, enableRequest(Optional.empty(), true, "alice"), ROOT);

        assertEquals(List.of("<shmem name='looking-glass-lab'><model type='ivshmem-plain'/><size unit='M'>32</size></shmem>"),
                f.domains.attached);
        assertTrue(notes.contains("attached the device to the running VM"), notes.toString());
        List<String> step = f.since(mark);
        assertTrue(step.indexOf("grant " + LAB_FILE + " to [alice] as " + SupervisorFixture.QEMU_UID)
                < step.indexOf("ready lab") && step.contains("ready lab"), step.toString());
    }

    @Test
    void openingRequiresARunningVmAndAGrantedFile() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        assertFails(Kind.NOT_RUNNING, "start it first", () -> f.commands().requestOpen(LAB));

        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        f.access.refuseGrants = "owned by mallory, expected libvirt-qemu";
        assertFails(Kind.UNSAFE, "owned by mallory", () -> f.commands().requestOpen(LAB));

        f.access.refuseGrants = null;
        assertTrue(f.commands().requestOpen(LAB).aclApplied());
    }

    @Test
    void onlyAListedUserCountsAsListed() {
        f.enabled("lab", settings("lab", "alice"));
        f.connect();

        assertTrue(f.commands().isListedUser(LAB, 1001));
        assertFalse(f.commands().isListedUser(LAB, 1002), "bob is not listed");
        assertFalse(f.commands().isListedUser(uuidOf("nowhere"), 1001));
    }

    @Test
    void aPreviewDefinesNothingAndShowsTheChange() throws Exception {
        f.plain("lab");
        f.connect();

        var preview = f.commands().previewEnable(LAB, enableRequest(Optional.empty(), false, "alice"), ROOT);

        assertFalse(preview.before().contains("<shmem"), preview.before());
        assertTrue(preview.after().contains("    <shmem name='looking-glass-lab'>"), preview.after());
        assertEquals(List.of(), f.domains.defined);
        assertFalse(f.view("lab").enabled());
    }

    private static void assertFails(Kind kind, String messagePart, Executable command) {
        VmCommandException e = assertThrows(VmCommandException.class, command);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should mention '" + messagePart + "'");
    }
}
