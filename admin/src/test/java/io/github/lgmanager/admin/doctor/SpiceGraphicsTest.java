// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where SPICE listens and whether it has a password, as libvirt writes the graphics element. */
class SpiceGraphicsTest {

    private static Optional<SpiceGraphics> parse(String devices, boolean withSecrets) {
        return SpiceGraphics.parse("<domain type='kvm'><name>win11</name><devices>" + devices + "</devices></domain>",
                withSecrets);
    }

    @Test
    void aRunningVmsTcpListenerWithAPasswordIsSeenWithoutKeepingThePassword() {
        SpiceGraphics g = parse("<graphics type='spice' port='5900' autoport='yes' listen='127.0.0.1' passwd='s3cret'>"
                + "<listen type='address' address='127.0.0.1'/></graphics>", true).orElseThrow();
        assertEquals(new SpiceGraphics("address", "127.0.0.1", 5900, Optional.of(true)), g);
        assertTrue(!g.toString().contains("s3cret"));
    }

    @Test
    void withoutSecretsAMissingPasswdMeansUnknownAndWithThemItMeansNone() {
        String devices = "<graphics type='spice' autoport='yes'><listen type='address'/></graphics>";
        assertEquals(new SpiceGraphics("address", "", 0, Optional.empty()), parse(devices, false).orElseThrow());
        assertEquals(Optional.of(false), parse(devices, true).orElseThrow().password());
    }

    @Test
    void socketsNetworksAndNoListenerAreTold() {
        assertEquals(new SpiceGraphics("socket", "/run/libvirt/qemu/spice.sock", 0, Optional.empty()), parse(
                "<graphics type='spice'><listen type='socket' socket='/run/libvirt/qemu/spice.sock'/></graphics>", false)
                .orElseThrow());
        assertEquals("network", parse("<graphics type='spice' autoport='yes'><listen type='network' network='default'/>"
                + "</graphics>", false).orElseThrow().listen());
        assertEquals("none", parse("<graphics type='spice'><listen type='none'/></graphics>", false).orElseThrow().listen());
        assertEquals("", parse("<graphics type='spice' autoport='yes'/>", false).orElseThrow().listen());
    }

    @Test
    void onlySpiceGraphicsAndOnlyTheFirstCount() {
        assertTrue(parse("<graphics type='vnc' port='5900'/>", false).isEmpty());
        assertEquals(5901, parse("<graphics type='vnc' port='5900'/><graphics type='spice' port='5901'/>"
                + "<graphics type='spice' port='5902'/>", false).orElseThrow().port());
    }

    @Test
    void libvirtsStatusFileWrappingTheDomainIsReadToo() {
        String status = "<domstatus state='running' pid='42'><monitor path='/x'/><domain type='kvm'><name>w</name>"
                + "<devices><graphics type='spice' port='5905' passwd='x'><listen type='address' address='0.0.0.0'/>"
                + "</graphics></devices></domain></domstatus>";
        assertEquals(new SpiceGraphics("address", "0.0.0.0", 5905, Optional.of(true)), SpiceGraphics.parse(status, true)
                .orElseThrow());
    }

    @Test
    void xmlWithADoctypeOrNotXmlAtAllGivesNothing() {
        assertTrue(SpiceGraphics.parse("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/shadow'>]><domain><devices>"
                + "<graphics type='spice' passwd='&x;'/></devices></domain>", true).isEmpty());
        assertTrue(SpiceGraphics.parse("not xml", false).isEmpty());
        assertTrue(SpiceGraphics.parse("", false).isEmpty());
    }
}
