// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every enable option reaches the request (and the daemon's a{sv}) as documented; unset ones stay unset. */
class EnableOptionsTest {
    private static final Host SUDO_ALICE = new Host(Map.of("SUDO_USER", "alice"), "root", Path.of("/"));

    private static EnableCommand parse(String... args) {
        CommandLine cli = AdminMain.commandLine(new AdminMain(SUDO_ALICE, false));
        CommandLine.ParseResult result = cli.parseArgs(args);
        return (EnableCommand) result.subcommand().commandSpec().userObject();
    }

    private static EnableRequest request(String... args) {
        try {
            return parse(args).request();
        } catch (AdminException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void withoutOptionsEverySettingIsKeptAndOnlyTheFirstEnablesUserIsSent() {
        EnableRequest r = request("enable", "win11");
        assertEquals(SettingsChange.NONE, r.settings(), "resolution, HDR, users... keep the VM's values");
        assertEquals(Optional.of(List.of("alice")), r.initialUsers());
        assertEquals(List.of("initial_users"), List.copyOf(EnableOptionsCodec.encode(r).keySet()));
    }

    @Test
    void withSpiceAloneAsksForNothingButSpice() {
        EnableRequest r = request("enable", "win11", "--with-spice");
        assertEquals(SettingsChange.NONE, r.settings());
        assertEquals(List.of("initial_users", "with_spice"), List.copyOf(EnableOptionsCodec.encode(r).keySet()));
    }

    @Test
    void everyOptionIsCarried() {
        EnableRequest r = request("enable", "win11", "--resolution", "4k", "--hdr", "--formula", "idd", "--user",
                "alice", "--user", "bob", "--auto-open", "--kvmfr", "--client-option", "egl:scale=2",
                "--client-option", "win:fullScreen=yes", "--with-spice", "--with-virtio-input", "--with-clipboard",
                "--no-memballoon", "--live");
        SettingsChange c = r.settings();
        assertEquals(Optional.of(3840), c.width());
        assertEquals(Optional.of(2160), c.height());
        assertEquals(Optional.of(true), c.hdr());
        assertEquals(Optional.of("idd"), c.formula());
        assertEquals(Optional.of(List.of("alice", "bob")), c.users());
        assertEquals(Optional.of(true), c.autoOpen());
        assertEquals(Optional.of("alice"), c.autoOpenUser(), "under sudo, auto-open is the sudo user's own choice");
        assertEquals(Optional.of("kvmfr"), r.mode());
        assertEquals(Optional.of("/dev/kvmfr0"), r.kvmfrDevice());
        assertEquals(Optional.of(List.of("egl:scale=2", "win:fullScreen=yes")), c.clientOptions());
        assertTrue(r.withSpice() && r.withVirtioInput() && r.withClipboard() && r.noMemballoon() && r.live());
        assertFalse(r.withVga());
        assertEquals(List.of("width", "height", "hdr", "formula", "users", "client_options", "auto_open",
                "auto_open_user", "mode", "kvmfr_device", "initial_users", "live", "with_spice", "with_virtio_input",
                "with_clipboard", "no_memballoon"), List.copyOf(EnableOptionsCodec.encode(r).keySet()));
    }

    @Test
    void kvmfrTakesAnOptionalDevice() {
        assertEquals(Optional.of("/dev/kvmfr1"), request("enable", "win11", "--kvmfr=/dev/kvmfr1").kvmfrDevice());
        assertEquals(Optional.empty(), request("enable", "win11").kvmfrDevice());
    }

    @Test
    void noAutoOpenAndNoHdrAreFalseNotUnset() {
        assertEquals(Optional.of(false), request("enable", "win11", "--no-auto-open").settings().autoOpen());
        assertEquals(Optional.of(false), request("enable", "win11", "--no-hdr").settings().hdr());
    }

    @Test
    void dryRunIsAFlag() {
        assertTrue(parse("enable", "win11", "--dry-run").dryRun);
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("enable", "win11", "--sparkle"));
        assertThrows(CommandLine.MissingParameterException.class, () -> parse("enable", "win11", "--user"));
        assertThrows(CommandLine.MissingParameterException.class, () -> parse("enable", "win11", "--resolution"));
        assertEquals(2, Cli.run("enable", "win11", "--formula").exitCode());
    }
}
