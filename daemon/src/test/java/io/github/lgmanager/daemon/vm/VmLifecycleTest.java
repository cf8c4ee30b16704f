// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.daemon.vm.SupervisorFixture.boot;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.settings;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.uuidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.daemon.vm.VmEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the supervisor does on libvirt's events and reconnects, through a real supervisor over libvirt in memory. */
class VmLifecycleTest {
    private static final String LAB_FILE = "/dev/shm/looking-glass-lab";
    private final SupervisorFixture f = new SupervisorFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void startedOfAnEnabledVmGrantsItsUsersThenAnnouncesDisplayReady() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        int mark = f.mark();
        int definitionReads = f.domains.persistentReads.size();

        f.event("lab", Kind.STARTED);

        assertEquals(List.of("grant " + LAB_FILE + " to [alice] as " + SupervisorFixture.QEMU_UID, "ready lab"),
                f.since(mark));
        VmView view = f.view("lab");
        assertTrue(view.aclApplied());
        assertEquals("", view.lastError());
        assertEquals(List.of("lab"), f.domains.liveReads, "one libvirt call on the start → DisplayReady path");
        assertEquals(definitionReads, f.domains.persistentReads.size(), "the definition was read before the start");
    }

    @Test
    void aVmFirstSeenRunningIsAddedBeforeItsDisplayIsAnnounced() {
        f.connect();
        boot(f.enabled("lab", settings("lab", "alice"))); // virsh create: no DEFINED before
        int mark = f.mark();

        f.event("lab", Kind.STARTED);

        assertEquals(List.of("grant " + LAB_FILE + " to [alice] as " + SupervisorFixture.QEMU_UID, "added lab", "ready lab"),
                f.since(mark), "a client must know the VM before its DisplayReady");
    }

    @Test
    void aRefusedGrantAnnouncesDisplayFailedWithTheReasonAndNeverDisplayReady() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        String reason = "cannot open " + LAB_FILE + ": a symbolic link, refusing (possible symlink/planting)";
        f.access.refuseGrants = reason;
        int mark = f.mark();

        f.event("lab", Kind.STARTED);

        assertEquals(List.of("refused " + LAB_FILE, "failed lab: " + reason), f.since(mark));
        assertEquals(reason, f.view("lab").lastError());
        assertFalse(f.view("lab").aclApplied());
    }

    @Test
    void aLiveXmlWithoutQemusUserFailsTheDisplayWithoutTouchingTheFile() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        lab.live = lab.live.replace("model='dac'", "model='selinux'");
        int mark = f.mark();

        f.event("lab", Kind.STARTED);

        List<String> step = f.since(mark);
        assertEquals(1, step.size(), step.toString());
        assertTrue(step.get(0).startsWith("failed lab: cannot tell which user QEMU runs as"), step.toString());
    }

    @Test
    void stoppedMakesAFreshFileForTheNextBootThenAnnouncesDisplayClosed() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        f.event("lab", Kind.STARTED);
        lab.running = false;
        int mark = f.mark();

        f.event("lab", Kind.STOPPED);

        assertEquals(List.of("recreate " + LAB_FILE + " (32 MiB) for [alice]", "closed lab"), f.since(mark));
        assertFalse(f.view("lab").running());
        assertFalse(f.view("lab").aclApplied());
    }

    @Test
    void aFileRenamedWhileTheVmRanIsLeftAloneUntilItStopsThenReleased() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        f.event("lab", Kind.STARTED);
        LookingGlassSettings renamed = settings("lab", "alice").withShmName("lab-new");
        f.domains.put(SupervisorFixture.enable(lab.persistent, renamed)); // virsh edit while it runs
        int mark = f.mark();

        f.event("lab", Kind.DEFINED);
        assertEquals(List.of("changed lab"), f.since(mark), "QEMU has the file mapped: nothing touches it");
        assertTrue(f.view("lab").pendingRestart());

        lab.running = false;
        mark = f.mark();
        f.event("lab", Kind.STOPPED);
        assertEquals(List.of("remove " + LAB_FILE, "recreate /dev/shm/lab-new (32 MiB) for [alice]", "closed lab"),
                f.since(mark));
    }

    @Test
    void aDeviceRemovedByHandIsReportedInLastErrorNotReAdded() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        f.domains.put(lab.persistent.replaceAll("(?s)\\s*<shmem name='looking-glass-lab'>.*?</shmem>", ""));

        f.event("lab", Kind.DEFINED);

        String error = f.view("lab").lastError();
        assertTrue(error.contains("has no device") && error.contains("lg-admin enable lab"), error);
        assertEquals(List.of(), f.domains.defined, "the daemon does not fight the user's edit");
    }

    @Test
    void anUndersizedDeviceIsCorrectedByOneDefineThatDoesNotLoop() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        f.domains.put(lab.persistent.replace("<size unit='M'>32</size>", "<size unit='M'>16</size>"));

        f.event("lab", Kind.DEFINED);
        f.event("lab", Kind.DEFINED); // our own define comes back

        assertEquals(1, f.domains.defined.size(), f.domains.defined.toString());
        assertTrue(f.domains.defined.get(0).contains("<size unit='M'>32</size>"), f.domains.defined.get(0));
        assertEquals(32, f.view("lab").shmSizeMiB());
        assertEquals("", f.view("lab").lastError());
    }

    @Test
    void undefinedForgetsTheVmAndRemovesItsFile() {
        f.enabled("lab", settings("lab", "alice"));
        f.connect();
        f.domains.remove(uuidOf("lab"));
        int mark = f.mark();

        f.event("lab", Kind.UNDEFINED);

        assertEquals(List.of("remove " + LAB_FILE, "removed lab"), f.since(mark));
        VmCommandException e = assertThrows(VmCommandException.class, () -> f.commands().xml(uuidOf("lab")));
        assertEquals(VmCommandException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void undefiningARunningVmKeepsItUntilItStops() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        f.event("lab", Kind.STARTED);
        int mark = f.mark();

        f.event("lab", Kind.UNDEFINED); // libvirt keeps it as a transient VM

        assertEquals(List.of(), f.since(mark), "its file is mapped and its users still see it");
        assertTrue(f.view("lab").aclApplied());
    }

    @Test
    void aReconcileAfterReconnectingRemovesVmsThatVanishedMeanwhile() {
        f.plain("gone");
        f.enabled("lab", settings("lab", "alice"));
        f.connect();
        f.disconnect();
        f.domains.remove(uuidOf("gone"));
        int mark = f.mark();

        f.connect();

        List<String> step = f.since(mark);
        assertTrue(step.contains("removed gone"), step.toString());
        assertFalse(step.contains("removed lab"), step.toString());
        assertEquals("libvirt connected true", step.get(step.size() - 1), "connected only once the picture is whole");
    }

    /** A list libvirt could not give says nothing about which VMs exist: none is announced removed for it. */
    @Test
    void aReconcileWhoseListFailsRemovesNothingAndForgetsNoFile() {
        f.enabled("lab", settings("lab", "alice"));
        f.connect();
        f.disconnect();
        f.domains.listRefused = true;
        int mark = f.mark();

        f.connect();

        List<String> step = f.since(mark);
        assertFalse(step.stream().anyMatch(line -> line.startsWith("removed") || line.startsWith("remove ")),
                step.toString());
        assertTrue(f.view("lab").enabled(), "lab is still known");
    }

    @Test
    void eventsMissedWhileDisconnectedAreLeftToTheReconcile() {
        f.connect();
        f.disconnect();
        f.plain("late");
        int mark = f.mark();

        f.event("late", Kind.DEFINED);
        assertEquals(List.of(), f.since(mark), "no libvirt to ask");

        f.connect();
        assertTrue(f.since(mark).contains("added late"), f.since(mark).toString());
    }

    @Test
    void aVmWhoseDefinitionCannotBeReadDoesNotCostTheOthersTheirDisplay() {
        f.plain("a-broken");
        f.plain("b-unreadable");
        boot(f.enabled("lab", settings("lab", "alice")));
        f.domains.broken.add(uuidOf("a-broken"));
        f.domains.refusing.add(uuidOf("b-unreadable"));

        f.connect();

        assertTrue(f.timeline.contains("ready lab"), f.timeline.toString());
        assertTrue(f.view("b-unreadable").lastError().startsWith("cannot read the VM's definition: internal error"),
                f.view("b-unreadable").lastError());
        int mark = f.mark();
        f.event("a-broken", Kind.DEFINED);
        f.event("lab", Kind.STOPPED);
        assertTrue(f.since(mark).contains("closed lab"), "the supervisor thread survived: " + f.since(mark));
    }

    @Test
    void aVmWhoseFileAnotherVmUsesGetsNoGrantAndBothAreTold() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice").withShmName("looking-glass"));
        f.enabled("lab2", settings("lab2", "bob").withShmName("looking-glass"));
        f.connect();
        boot(lab);
        int mark = f.mark();

        f.event("lab", Kind.STARTED);

        List<String> step = f.since(mark);
        assertEquals(1, step.size(), step.toString());
        assertTrue(step.get(0).startsWith("failed lab: /dev/shm/looking-glass is also used by VM 'lab2'"), step.get(0));
        assertTrue(f.view("lab2").lastError().contains("also used by VM 'lab'"), f.view("lab2").lastError());
        assertFalse(f.timeline.stream().anyMatch(line -> line.startsWith("grant")), f.timeline.toString());
    }

    /** Whichever is listed first: the check must see every VM's file, not only those reconciled before it. */
    @Test
    void atStartUpTwoRunningVmsOnOneFileAreBothRefusedTheirGrant() throws Exception {
        boot(f.enabled("alpha", settings("alpha", "bob").withShmName("looking-glass")));
        boot(f.enabled("lab", settings("lab", "alice").withShmName("looking-glass")));

        f.connect();

        assertFalse(f.timeline.stream().anyMatch(line -> line.startsWith("grant") || line.startsWith("ready")),
                f.timeline.toString());
        assertTrue(f.timeline.stream().anyMatch(line -> line.startsWith("failed alpha: /dev/shm/looking-glass is also"
                + " used by VM 'lab'")), f.timeline.toString());
        assertTrue(f.timeline.stream().anyMatch(line -> line.startsWith("failed lab: /dev/shm/looking-glass is also"
                + " used by VM 'alpha'")), f.timeline.toString());
    }

    @Test
    void atStartUpAStoppedVmLeavesAloneTheFileARunningVmSharesWithIt() throws Exception {
        f.enabled("alpha", settings("alpha", "bob").withShmName("looking-glass"));
        boot(f.enabled("lab", settings("lab", "alice").withShmName("looking-glass")));

        f.connect();

        assertFalse(f.timeline.stream().anyMatch(line -> line.matches("(ensure|recreate|remove) /dev/shm/looking-glass .*")),
                "the running VM's QEMU has the file mapped: " + f.timeline);
        assertTrue(f.view("alpha").lastError().contains("also used by VM 'lab'"), f.view("alpha").lastError());
    }

    @Test
    void pausingOrResumingAKnownVmAsksLibvirtNothingAndPublishesNothing() {
        InMemoryDomains.Guest lab = f.enabled("lab", settings("lab", "alice"));
        f.connect();
        boot(lab);
        f.event("lab", Kind.STARTED);
        int mark = f.mark();
        int reads = f.domains.liveReads.size();

        f.event("lab", Kind.PAUSED_OR_RESUMED);

        assertEquals(List.of(), f.since(mark));
        assertEquals(reads, f.domains.liveReads.size());
    }
}
