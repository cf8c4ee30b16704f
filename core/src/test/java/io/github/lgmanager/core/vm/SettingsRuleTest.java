// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one settings rule: what is not given keeps its value, lists are edited or replaced, auto-open is per user. */
class SettingsRuleTest {
    private static final Set<String> ON_THIS_SYSTEM = Set.of("alice", "bob", "carol");
    private static final SettingsRule RULE = new SettingsRule(ON_THIS_SYSTEM::contains, path -> Optional.empty());
    private final List<String> notes = new ArrayList<>();

    private static SettingsRule.Caller caller(String name) {
        return new SettingsRule.Caller() {
            @Override
            public boolean is(String user) {
                return user.equals(name);
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    private static final SettingsRule.Caller ALICE = caller("alice");
    private static final SettingsRule.Caller ROOT = caller("root");

    /** A 4k HDR VM with everything chosen, as a user would have it after a while. */
    private static LookingGlassSettings lived() throws InvalidSettingsException {
        return LookingGlassSettings.defaultsFor("win11").withEnabled(true).withResolution(new Resolution(3840, 2160))
                .withHdr(true).withFormula(ShmFormula.IDD).withShmName("lg-win11").withUsers(List.of("alice", "bob"))
                .withAutoOpen("bob", true).withClientOptions(List.of(ClientOption.parse("egl:scale=2"),
                        ClientOption.parse("win:fullScreen=yes")));
    }

    private LookingGlassSettings change(LookingGlassSettings current, SettingsChange c) throws VmCommandException {
        return RULE.forChange("win11", current, c, ALICE, notes);
    }

    private static SettingsChange users(List<String> add, List<String> remove) {
        return new SettingsChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), add, remove, Optional.empty(), List.of(), List.of(), false, Optional.empty(),
                Optional.empty());
    }

    private static SettingsChange options(List<String> add, List<String> remove, boolean clear) {
        return new SettingsChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), add, remove, clear, Optional.empty(),
                Optional.empty());
    }

    @Test
    void enableWithSpiceAloneOnA4kHdrVmKeepsItsResolutionHdrAndSize() throws Exception {
        LookingGlassSettings before = lived();
        EnableRequest withSpice = new EnableRequest(SettingsChange.NONE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of("carol")), false, true, false, false, false, false);

        LookingGlassSettings after = RULE.forEnable("win11", Optional.of(before), withSpice, ROOT, notes);

        assertEquals(before, after);
        assertEquals(before.sizeMiB(), after.sizeMiB());
        assertEquals(List.of(), notes, "initial users are for a VM that never had settings");
    }

    @Test
    void enableAfterDisableRestoresEverythingKept() throws Exception {
        LookingGlassSettings kvmfr = lived().withMode(ShmMode.kvmfr("/dev/kvmfr1"));
        LookingGlassSettings kept = kvmfr.withEnabled(false);

        LookingGlassSettings after = RULE.forEnable("win11", Optional.of(kept), EnableRequest.KEEP_ALL
                .withShmName(Optional.empty()), ROOT, notes);

        assertEquals(kvmfr, after);
    }

    @Test
    void firstEnableTakesTheDefaultsAndTheInvokingUserAndSaysSo() throws Exception {
        EnableRequest first = new EnableRequest(SettingsChange.NONE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of("alice")), false, false, false, false, false, false);

        LookingGlassSettings s = RULE.forEnable("win11", Optional.empty(), first, ROOT, notes);

        assertEquals(LookingGlassSettings.defaultsFor("win11").withEnabled(true).withUsers(List.of("alice")), s);
        assertEquals(List.of("users: alice (the invoking user; choose others with --user)"), notes);
        notes.clear();
        RULE.forEnable("win11", Optional.empty(), EnableRequest.KEEP_ALL, ROOT, notes);
        assertEquals(List.of("users: none (no --user given, and no invoking user but root; add one with: lg-admin set"
                + " win11 --add-user USER)"), notes);
    }

    @Test
    void usersAreAddedAndRemovedOneByOneOrReplacedWhole() throws Exception {
        LookingGlassSettings s = change(lived(), users(List.of("carol"), List.of("alice")));
        assertEquals(List.of("bob", "carol"), s.users());
        assertEquals(List.of("bob"), s.autoOpenUsers(), "bob's choice stays");

        assertEquals(List.of("carol"), change(lived(), SettingsChange.NONE.withUsers(Optional.of(List.of("carol"))))
                .users());
        assertEquals(List.of("alice", "bob"), change(lived(), users(List.of("alice"), List.of())).users(),
                "adding a listed user changes nothing");
    }

    @Test
    void removingAUserDropsTheirAutoOpenChoice() throws Exception {
        LookingGlassSettings s = change(lived(), users(List.of(), List.of("bob")));
        assertEquals(List.of(), s.autoOpenUsers());
        assertEquals(List.of(), change(s, users(List.of("bob"), List.of())).autoOpenUsers(),
                "added back, bob chooses again");
    }

    @Test
    void removingTheLastUserLeavesAVmOnlyRootCanOpenAndSaysSo() throws Exception {
        LookingGlassSettings s = change(lived(), users(List.of(), List.of("alice", "bob")));
        assertEquals(List.of(), s.users());
        assertEquals(List.of("users: none (was alice, bob)", "auto-open: none (was bob)", "VM 'win11' has no users now:"
                + " nobody but root can open its display (add one with: lg-admin set win11 --add-user USER)"), notes);
    }

    @Test
    void anUnknownUserOrRemovingOneNotListedIsRefusedNamingThem() {
        assertRefused("no user named 'dave' on this system", () -> change(lived(), users(List.of("dave"), List.of())));
        assertRefused("'carol' is not one of VM 'win11''s users (alice, bob)",
                () -> change(lived(), users(List.of(), List.of("carol"))));
    }

    @Test
    void clientOptionsAreAddedReplacedByKeyRemovedByKeyOrCleared() throws Exception {
        LookingGlassSettings s = change(lived(), options(List.of("EGL:scale=3", "input:grabKeyboard=yes"),
                List.of("win:fullScreen"), false));
        assertEquals(List.of("EGL:scale=3", "input:grabKeyboard=yes"),
                s.clientOptions().stream().map(ClientOption::argument).toList(), "a new value keeps the option's place");
        assertEquals(List.of(), change(lived(), options(List.of(), List.of(), true)).clientOptions());
        assertRefused("VM 'win11' has no client option 'spice:alwaysShowCursor' (it has: egl:scale=2 win:fullScreen=yes)",
                () -> change(lived(), options(List.of(), List.of("spice:alwaysShowCursor"), false)));
        assertRefused("client option app:shmFile is refused",
                () -> change(lived(), options(List.of("app:shmFile=/dev/shm/x"), List.of(), false)));
    }

    @Test
    void autoOpenIsTheCallersOwnChoiceAndLeavesTheOthersAlone() throws Exception {
        SettingsChange on = SettingsChange.NONE.withAutoOpen(Optional.of(true), Optional.empty());
        assertEquals(List.of("alice", "bob"), change(lived(), on).autoOpenUsers());
        SettingsChange off = SettingsChange.NONE.withAutoOpen(Optional.of(false), Optional.empty());
        assertEquals(List.of("bob"), change(lived(), off).autoOpenUsers());
        SettingsChange forBob = SettingsChange.NONE.withAutoOpen(Optional.of(false), Optional.of("bob"));
        assertEquals(List.of(), change(lived(), forBob).autoOpenUsers());
    }

    @Test
    void aCallerNotListedHasNoAutoOpenChoice() {
        SettingsChange on = SettingsChange.NONE.withAutoOpen(Optional.of(true), Optional.empty());
        assertRefused("auto-open is each listed user's own choice, and you (carol) are not one of VM 'win11''s users"
                + " (alice, bob)", () -> RULE.forChange("win11", lived(), on, caller("carol"), notes));
        SettingsChange forCarol = SettingsChange.NONE.withAutoOpen(Optional.of(true), Optional.of("carol"));
        assertRefused("'carol' is not one of VM 'win11''s users (alice, bob): only a listed user has an auto-open"
                + " choice", () -> change(lived(), forCarol));
    }

    @Test
    void aUserAddedInTheSameChangeMayMakeTheirChoiceInIt() throws Exception {
        SettingsChange c = users(List.of("carol"), List.of()).withAutoOpen(Optional.of(true), Optional.of("carol"));
        assertEquals(List.of("bob", "carol"), change(lived(), c).autoOpenUsers());
    }

    @Test
    void eachSettingThatChangedIsOneNoteWithItsValueBefore() throws Exception {
        change(lived(), SettingsChange.NONE.withResolution(2560, 1440, Optional.of(false))
                .withClientOptions(Optional.of(List.of("egl:scale=2"))).withAutoOpen(Optional.of(true), Optional.empty()));
        assertEquals(List.of("resolution: 2560x1440 SDR, formula idd, 64 MiB (was 3840x2160 HDR, formula idd, 128 MiB)",
                "auto-open: alice, bob (was bob)", "client options: egl:scale=2 (was egl:scale=2 win:fullScreen=yes)"),
                notes);
    }

    @Test
    void equalValuesGiveEqualSettings() throws Exception {
        SettingsChange same = SettingsChange.NONE.withResolution(3840, 2160, Optional.of(true))
                .withUsers(Optional.of(List.of("alice", "bob")));
        assertEquals(lived(), change(lived(), same));
    }

    @Test
    void contradictingPartsAreRefusedBeforeAnythingElse() {
        SettingsChange both = users(List.of("dave"), List.of()).withUsers(Optional.of(List.of("alice")));
        assertRefused("users and add_users cannot be combined", () -> change(lived(), both));
    }

    private static void assertRefused(String messagePart, org.junit.jupiter.api.function.Executable call) {
        VmCommandException e = assertThrows(VmCommandException.class, call);
        assertEquals(VmCommandException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
