// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.EnableRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every enable option reaches the request (and the daemon's a{sv}) as documented; unset ones stay unset. */
class EnableOptionsTest {

    private static EnableCommand parse(String... args) {
        CommandLine cli = AdminMain.commandLine(new AdminMain());
        CommandLine.ParseResult result = cli.parseArgs(args);
        return (EnableCommand) result.subcommand().commandSpec().userObject();
    }

    private static EnableRequest request(String... args) {
        EnableCommand enable = parse(args);
        return enable.request(new Resolution(2560, 1440), Optional.ofNullable(enable.users));
    }

    @Test
    void withoutOptionsNothingButTheResolutionIsAsked() {
        EnableRequest r = request("enable", "win11");
        assertEquals(EnableRequest.of(2560, 1440, false), r);
        assertEquals(Map.of(), EnableOptionsCodec.encode(r));
    }

    @Test
    void everyOptionIsCarried() {
        EnableRequest r = request("enable", "win11", "--hdr", "--formula", "idd", "--user", "alice", "--user", "bob",
                "--auto-open", "--kvmfr", "--shm-name", "lg2", "--client-option", "egl:scale=2", "--client-option",
                "win:fullScreen=yes", "--with-spice", "--with-virtio-input", "--with-clipboard", "--no-memballoon", "--live");
        assertTrue(r.hdr());
        assertEquals(Optional.of("idd"), r.formula());
        assertEquals(Optional.of(List.of("alice", "bob")), r.users());
        assertEquals(Optional.of(true), r.autoOpen());
        assertEquals(Optional.of("kvmfr"), r.mode());
        assertEquals(Optional.of("/dev/kvmfr0"), r.kvmfrDevice());
        assertEquals(Optional.of("lg2"), r.shmName());
        assertEquals(Optional.of(List.of("egl:scale=2", "win:fullScreen=yes")), r.clientOptions());
        assertTrue(r.withSpice() && r.withVirtioInput() && r.withClipboard() && r.noMemballoon() && r.live());
        assertFalse(r.withVga());
        assertEquals(List.of("formula", "mode", "kvmfr_device", "shm_name", "users", "auto_open", "client_options",
                "live", "with_spice", "with_virtio_input", "with_clipboard", "no_memballoon"),
                List.copyOf(EnableOptionsCodec.encode(r).keySet()));
    }

    @Test
    void kvmfrTakesAnOptionalDevice() {
        assertEquals(Optional.of("/dev/kvmfr1"), request("enable", "win11", "--kvmfr=/dev/kvmfr1").kvmfrDevice());
        assertEquals(Optional.empty(), request("enable", "win11").kvmfrDevice());
    }

    @Test
    void noAutoOpenIsFalseNotUnset() {
        assertEquals(Optional.of(false), request("enable", "win11", "--no-auto-open").autoOpen());
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
