// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import static io.github.lgmanager.daemon.vm.SupervisorFixture.boot;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.settings;
import static io.github.lgmanager.daemon.vm.SupervisorFixture.uuidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settings rule through the daemon's commands, over a real supervisor and libvirt in memory: what is not given
 * is kept, one change is one define, auto-open is each caller's own.
 */
class ConfigureTest {
    private static final String LAB = uuidOf("lab");
    private static final int ROOT = 0;
    private static final int ALICE = 1001;
    private static final int CAROL_NOT_LISTED = 1003;
    private final SupervisorFixture f = new SupervisorFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    /** 4k HDR, two users, bob auto-opens, two client options. */
    private static LookingGlassSettings lived() throws Exception {
        return settings("lab", "alice", "bob").withResolution(new Resolution(3840, 2160)).withHdr(true)
                .withAutoOpen("bob", true).withClientOptions(List.of(ClientOption.parse("egl:scale=2"),
                        ClientOption.parse("win:fullScreen=yes")));
    }

    private static SettingsChange change(List<String> addUsers, List<String> removeOptions, Optional<Boolean> autoOpen) {
        return new SettingsChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), addUsers, List.of(), Optional.empty(), List.of(), removeOptions, false, autoOpen,
                Optional.empty());
    }

    @Test
    void enableWithSpiceOnA4kHdrVmKeepsItsResolutionHdrAndSize() throws Exception {
        f.enabled("lab", lived());
        f.connect();
        VmView before = f.view("lab");
        EnableRequest withSpice = new EnableRequest(SettingsChange.NONE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of("root")), false, true, false, false, false, false);

        f.commands().enable(LAB, withSpice, ROOT);

        VmView after = f.view("lab");
        assertEquals(1, f.domains.defined.size());
        assertTrue(f.domains.defined.get(0).contains("<graphics type='spice'"), f.domains.defined.get(0));
        assertEquals(List.of(3840, 2160, true, 256L, 256L), List.of(after.width(), after.height(), after.hdr(),
                after.shmSizeMiB(), after.requiredSizeMiB()));
        assertEquals(before.users(), after.users());
    }

    @Test
    void disableThenEnableRestoresUsersResolutionOptionsAndChoices() throws Exception {
        f.enabled("lab", lived());
        f.connect();
        VmView on = f.view("lab");

        List<String> off = f.commands().disable(LAB, false);
        assertTrue(off.stream().anyMatch(n -> n.contains("settings (resolution, users, client options, file) are kept")),
                off.toString());
        f.commands().enable(LAB, EnableRequest.KEEP_ALL, ROOT);

        VmView again = f.view("lab");
        assertEquals(on, again);
        assertEquals(List.of("bob"), again.autoOpenUsers());
        assertEquals(2, f.domains.defined.size(), "one define each");
        assertEquals(Optional.of(lived()), DomainXmlEditor.readSettings(f.domains.persistentXml(LAB)));
    }

    @Test
    void addUserRemoveClientOptionAndOwnAutoOpenAreOneDefine() throws Exception {
        f.enabled("lab", lived().withUsers(List.of("alice")).withAutoOpen("alice", true));
        f.connect();

        List<String> notes = f.commands().configure(LAB, change(List.of("bob"), List.of("egl:scale"),
                Optional.of(false)), ALICE);

        assertEquals(1, f.domains.defined.size(), notes.toString());
        VmView v = f.view("lab");
        assertEquals(List.of("alice", "bob"), v.users());
        assertEquals(List.of("win:fullScreen=yes"), v.clientOptions());
        assertEquals(List.of(), v.autoOpenUsers(), "alice turned her own off");
    }

    @Test
    void valuesEqualToTheCurrentOnesDefineNothingAndSaySo() throws Exception {
        f.enabled("lab", lived());
        f.connect();

        List<String> notes = f.commands().configure(LAB, SettingsChange.NONE.withResolution(3840, 2160, Optional.of(true))
                .withUsers(Optional.of(List.of("alice", "bob"))), ROOT);

        assertEquals(List.of("VM 'lab' already has these settings; nothing changed"), notes);
        assertEquals(List.of(), f.domains.defined);
    }

    @Test
    void eachListedUserSetsOnlyTheirOwnAutoOpenAndSomeoneElseIsRefused() throws Exception {
        f.enabled("lab", lived());
        f.connect();
        SettingsChange on = SettingsChange.NONE.withAutoOpen(Optional.of(true), Optional.empty());

        f.commands().configure(LAB, on, ALICE);
        assertEquals(List.of("alice", "bob"), f.view("lab").autoOpenUsers());

        VmCommandException e = assertThrows(VmCommandException.class,
                () -> f.commands().configure(LAB, on.withAutoOpen(Optional.of(false), Optional.empty()), CAROL_NOT_LISTED));
        assertEquals(VmCommandException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("you (uid 1003) are not one of VM 'lab''s users (alice, bob)"), e.getMessage());
        assertEquals(1, f.domains.defined.size(), "the refusal defined nothing");
        assertEquals(List.of("alice", "bob"), f.view("lab").autoOpenUsers());
    }

    @Test
    void aUserRemovedFromARunningVmLosesAccessAtOnce() throws Exception {
        InMemoryDomains.Guest lab = f.enabled("lab", lived());
        f.connect();
        boot(lab);
        f.event("lab", VmEvent.Kind.STARTED);
        int mark = f.mark();

        f.commands().configure(LAB, new SettingsChange(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of("bob"), Optional.empty(), List.of(), List.of(),
                false, Optional.empty(), Optional.empty()), ROOT);

        List<String> step = f.since(mark);
        assertTrue(step.contains("grant /dev/shm/looking-glass-lab to [alice] as " + SupervisorFixture.QEMU_UID),
                step.toString());
        assertEquals(List.of(), f.view("lab").autoOpenUsers(), "bob's choice went with him");
    }

    @Test
    void disableForgetRemovesOurMetadataEvenFromAVmAlreadyOff() throws Exception {
        f.plain("lab");
        f.connect();
        String original = f.domains.persistentXml(LAB);
        f.commands().enable(LAB, EnableRequest.KEEP_ALL.withSettings(SettingsChange.NONE.withUsers(
                Optional.of(List.of("alice")))), ROOT);
        f.commands().disable(LAB, false);
        assertTrue(f.domains.persistentXml(LAB).contains("looking-glass"), "disable keeps the settings");

        List<String> notes = f.commands().disable(LAB, true);

        assertEquals(original, f.domains.persistentXml(LAB));
        assertTrue(notes.stream().anyMatch(n -> n.contains("settings are forgotten")), notes.toString());
        assertFalse(f.view("lab").enabled());
        assertEquals(List.of("VM 'lab' has neither our device nor our settings; nothing changed"),
                f.commands().disable(LAB, true));
    }
}
