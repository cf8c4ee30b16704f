// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.Installation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostChecksTest {
    private static final HostFacts OK = Fixtures.host();

    private static HostFacts backend(boolean direct, String backendProblem, String libvirtProblem) {
        return Fixtures.host(h -> {
            h.direct = direct;
            h.backendProblem = backendProblem;
            h.libvirtProblem = libvirtProblem;
            h.libvirtVersion = "";
        });
    }

    private static HostFacts client(Optional<String> path, Optional<String> version) {
        return Fixtures.with(OK, OK.protectedRegular(), false, "", "", "absent", List.of(), false, "", path, version);
    }

    @Test
    void daemonPassesWhenItAnswers() {
        assertEquals(Status.PASS, HostChecks.daemon(OK).status());
    }

    @Test
    void daemonWithConnectIsNotAskedAndSaysSo() {
        Check c = HostChecks.daemon(backend(true, "", ""));
        assertEquals(Status.PASS, c.status());
        assertTrue(c.message().contains("--connect"), c.message());
    }

    @Test
    void anUnreachableDaemonFailsWithHowToStartIt() {
        Check c = HostChecks.daemon(backend(false, "cannot reach lg-daemon", ""));
        assertEquals(Status.FAIL, c.status());
        // tests run from the checkout, so the way out is its launcher (InstallationTest has the installed one)
        assertTrue(c.fix().startsWith("start lg-daemon (" + Installation.current().startDaemon() + ")"), c.fix());
    }

    @Test
    void libvirtPassesFailsOrIsUncheckedBehindAnUnreachableDaemon() {
        assertEquals(Status.PASS, HostChecks.libvirt(OK).status());
        Check down = HostChecks.libvirt(backend(false, "", "lg-daemon is not connected to libvirt at qemu:///system"));
        assertEquals(Status.FAIL, down.status());
        assertTrue(down.fix().contains("libvirtd"), down.fix());
        assertEquals(Status.FAIL, HostChecks.libvirt(backend(true, "cannot connect", "")).status());
        assertEquals(Status.WARN, HostChecks.libvirt(backend(false, "cannot reach lg-daemon", "")).status());
    }

    @Test
    void clientPassesWithItsVersionWarnsWhenMissingOrSilent() {
        Check ok = HostChecks.client(OK);
        assertEquals(Status.PASS, ok.status());
        assertTrue(ok.message().contains("B7"), ok.message());
        assertEquals(Status.WARN, HostChecks.client(client(Optional.empty(), Optional.empty())).status());
        assertEquals(Status.WARN, HostChecks.client(client(OK.clientPath(), Optional.empty())).status());
    }

    @Test
    void linkProtectionPassesWhenBothSysctlsAreOn() {
        Check c = HostChecks.protectedLinks(OK);
        assertEquals(Status.PASS, c.status());
        assertTrue(HostChecks.all(OK).contains(c));
    }

    @Test
    void symlinkProtectionOffWarnsWithTheSysctlAndTheLineThatKeepsIt() {
        Check c = HostChecks.protectedLinks(Fixtures.host(h -> h.protectedSymlinks = OptionalInt.of(0)));
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().startsWith("fs.protected_symlinks=0: "), c.message());
        assertEquals("sysctl -w fs.protected_symlinks=1 && printf '%s\\n' 'fs.protected_symlinks = 1'"
                + " > /etc/sysctl.d/50-protected-links.conf", c.fix());
    }

    @Test
    void bothOffAreNamedInOneWarning() {
        Check c = HostChecks.protectedLinks(Fixtures.host(h -> {
            h.protectedSymlinks = OptionalInt.of(0);
            h.protectedHardlinks = OptionalInt.of(0);
        }));
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().startsWith("fs.protected_symlinks=0 and fs.protected_hardlinks=0: "), c.message());
        assertTrue(c.fix().startsWith("sysctl -w fs.protected_symlinks=1 fs.protected_hardlinks=1 && "), c.fix());
        assertTrue(c.fix().contains("'fs.protected_hardlinks = 1'"), c.fix());
    }

    @Test
    void anUnreadableSysctlWarns() {
        Check c = HostChecks.protectedLinks(Fixtures.host(h -> h.protectedHardlinks = OptionalInt.empty()));
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().contains("fs.protected_hardlinks"), c.message());
    }
}
