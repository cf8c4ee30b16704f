// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPICE graphics, and the client options that must not point elsewhere. */
class VmSpiceChecksTest {
    private static final HostFacts HOST = Fixtures.host();

    @Test
    void spice() {
        assertCheck(Status.PASS, "", VmSpiceChecks.spice(Fixtures.facts()));
        assertCheck(Status.WARN, "--with-spice", VmSpiceChecks.spice(Fixtures.xml("<domain><devices/></domain>")));
        VmView wrongPort = Fixtures.users(List.of("alice"), List.of("spice:port=5901"));
        Check c = VmSpiceChecks.spice(Fixtures.facts(wrongPort));
        assertCheck(Status.FAIL, "spice:host/spice:port", c);
        assertTrue(c.message().contains("5901") && c.message().contains("5900"), c.message());
    }

    private static VmFacts with(VmView vm, SpiceGraphics spice) {
        VmFacts f = Fixtures.facts(vm);
        return new VmFacts(vm, f.xml(), f.file(), f.header(), Optional.of(spice));
    }

    private static final SpiceGraphics DEFAULT_TCP_NO_PASSWORD = new SpiceGraphics("address", "", 0, Optional.of(false));

    @Test
    void tcpOnLoopbackWithoutAPasswordWarnsThatAnyLocalUserCanType() {
        Check c = VmSpiceChecks.access(HOST, with(Fixtures.vm(), DEFAULT_TCP_NO_PASSWORD));
        assertCheck(Status.WARN, "", c);
        assertEquals("win11: spice access", c.label());
        assertEquals("vm.spice.access", c.id());
        assertEquals("win11", c.vm());
        assertEquals("any local user can connect to SPICE on 127.0.0.1:5900 and type into the guest", c.message());
        assertEquals("lg-admin enable win11 --with-spice", c.fix());
    }

    @Test
    void tcpOnEveryAddressWarnsThatAnyoneWhoReachesTheMachineCanType() {
        Check c = VmSpiceChecks.access(HOST, with(Fixtures.stopped(), new SpiceGraphics("address", "0.0.0.0", 5930,
                Optional.of(false))));
        assertCheck(Status.WARN, "--with-spice", c);
        assertEquals("anyone who can reach this machine can connect to SPICE on 0.0.0.0:5930 and type into the guest",
                c.message());
    }

    @Test
    void qemuConfsListenAddressAndPortChosenAtStartAreSaid() {
        HostFacts listenAll = Fixtures.host(h -> h.qemuConf = Optional.of("spice_listen = \"::\"\n"));
        Check c = VmSpiceChecks.access(listenAll, with(Fixtures.stopped(), DEFAULT_TCP_NO_PASSWORD));
        assertEquals("anyone who can reach this machine can connect to SPICE on [::] (port chosen at start) and type into"
                + " the guest", c.message());
    }

    @Test
    void aPasswordInTheVmOrInQemuConfOrSaslFailsBecauseB7CannotSendOne() {
        String fix = "remove it (the passwd of <graphics type='spice'>: virsh edit win11; or qemu.conf's setting), then"
                + " lg-admin enable win11 --with-spice: SPICE on a socket only the VM's users can reach needs no password";
        Check vmPassword = VmSpiceChecks.access(HOST, with(Fixtures.vm(),
                new SpiceGraphics("address", "127.0.0.1", 0, Optional.of(true))));
        assertCheck(Status.FAIL, fix, vmPassword);
        assertEquals("SPICE asks for the VM's password, which looking-glass-client B7 cannot give: the viewer exits at"
                + " once (\"Server reported link error: 7\")", vmPassword.message());
        HostFacts confPassword = Fixtures.host(h -> h.qemuConf = Optional.of("spice_password = \"XYZ12345\"\n"));
        Check c = VmSpiceChecks.access(confPassword, with(Fixtures.vm(), DEFAULT_TCP_NO_PASSWORD));
        assertCheck(Status.FAIL, fix, c);
        assertTrue(!c.message().contains("XYZ12345"), c.message());
        HostFacts sasl = Fixtures.host(h -> h.qemuConf = Optional.of("spice_sasl = 1\n"));
        assertCheck(Status.FAIL, fix, VmSpiceChecks.access(sasl, with(Fixtures.vm(), DEFAULT_TCP_NO_PASSWORD)));
        assertCheck(Status.PASS, "", VmSpiceChecks.access(HOST, Fixtures.facts()));
    }

    @Test
    void aUnixSocketOrNoListenerPasses() {
        assertCheck(Status.PASS, "", VmSpiceChecks.access(HOST, with(Fixtures.stopped(),
                new SpiceGraphics("socket", "", 0, Optional.of(false)))));
        VmView liveSocket = new VmView("u-1", "win11", true, true, "shm", "/dev/shm/looking-glass", 32, 32, 1920, 1080, false,
                "b7", List.of("alice"), List.of("alice"), List.of(), "/run/libvirt/qemu/domain-1-win11/spice.sock", 0, true, "", false);
        Check live = VmSpiceChecks.access(HOST, with(liveSocket, DEFAULT_TCP_NO_PASSWORD));
        assertCheck(Status.PASS, "", live);
        assertTrue(live.message().contains("spice.sock"), live.message());
        assertCheck(Status.PASS, "", VmSpiceChecks.access(HOST, with(Fixtures.stopped(),
                new SpiceGraphics("none", "", 0, Optional.of(false)))));
        HostFacts autoSocket = Fixtures.host(h -> h.qemuConf = Optional.of("spice_auto_unix_socket = 1\n"));
        assertCheck(Status.PASS, "", VmSpiceChecks.access(autoSocket, with(Fixtures.stopped(), DEFAULT_TCP_NO_PASSWORD)));
    }

    @Test
    void withoutRootThePasswordIsUnknownAndTheWarningSaysHowToFindOut() {
        Check c = VmSpiceChecks.access(Fixtures.host(h -> h.qemuConf = Optional.empty()), with(Fixtures.vm(),
                new SpiceGraphics("address", "127.0.0.1", 0, Optional.empty())));
        assertCheck(Status.WARN, "sudo lg-admin doctor win11; without a password: lg-admin enable win11 --with-spice", c);
        assertTrue(c.message().startsWith("SPICE listens on TCP 127.0.0.1:5900; whether it asks for a password is unknown"),
                c.message());
    }

    @Test
    void aVmWithoutSpiceHasNoSpiceListener() {
        assertCheck(Status.PASS, "", VmSpiceChecks.access(HOST, Fixtures.xml("<domain><devices/></domain>")));
    }
}
