// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.settings.SpiceSockets;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.core.xml.SpiceEndpoint;
import io.github.lgmanager.trace.Trace;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grant on a running Looking Glass VM: read where QEMU put the shared memory and as whom it runs (from the
 * live XML), verify the file and grant the VM's users, then note the SPICE endpoint. The order matters:
 * DisplayReady may only be announced after the grant, so this only reports; the caller announces.
 */
final class DisplayPreparer {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayPreparer.class);
    private final DisplayAccess access;
    private final VmRegistry registry;

    DisplayPreparer(DisplayAccess access, VmRegistry registry) {
        this.access = access;
        this.registry = registry;
    }

    /** Updates the record; returns empty on success, or the reason the display cannot be used. */
    Optional<String> prepare(Domains domains, VmRecord vm) {
        vm.aclApplied = false;
        String live;
        try {
            live = domains.liveXml(vm.uuid);
            Trace.mark("daemon.live-xml-read", vm.uuid);
        } catch (LibvirtFailure e) {
            return Optional.of(e.getMessage());
        }
        try {
            DomainXmlReader.Running running = DomainXmlReader.running(live, vm.settings);
            vm.liveDevice = running.device();
            vm.spice = running.spice();
            Optional<Integer> qemuUid = running.qemuUid();
            Trace.mark("daemon.live-xml-parsed", vm.uuid);
            if (vm.liveDevice.isEmpty()) {
                return Optional.of("the running VM has no Looking Glass device (it was enabled after the VM started);"
                        + " restart the VM to apply it");
            }
            if (qemuUid.isEmpty()) {
                return Optional.of("cannot tell which user QEMU runs as: the live XML has no DAC <seclabel>;"
                        + " check 'user' and 'dynamic_ownership' in /etc/libvirt/qemu.conf");
            }
            if (vm.users().isEmpty()) {
                return Optional.of("no desktop user is configured to see this VM's display; add one with:"
                        + " lg-admin set " + vm.name + " --user NAME");
            }
            SharedMemoryDevice device = vm.liveDevice.get();
            Optional<String> shared = registry.sharedWith(vm, device.path());
            if (shared.isPresent()) {
                return shared;
            }
            access.grant(device, qemuUid.get(), vm.users());
            Optional<String> socket = vm.spice.filter(SpiceEndpoint::isUnixSocket).map(SpiceEndpoint::unixSocket)
                    .filter(SpiceSockets::isOurs);
            if (socket.isPresent()) {
                access.grantSpice(socket.get(), qemuUid.get(), vm.users());
            }
            vm.aclApplied = true;
            Trace.mark("daemon.acl-written", vm.uuid);
            return Optional.empty();
        } catch (DomainXmlException e) {
            return Optional.of("cannot read the running VM's XML: " + e.getMessage());
        } catch (DisplayAccess.AccessRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Disable on a running VM: its file stays mapped until it stops, but nobody may open it any more; nor connect to
     * its SPICE socket, which carries the same screen and the keyboard.
     */
    void revokeEveryone(Domains domains, VmRecord vm) {
        if (vm.liveDevice.isEmpty()) {
            return;
        }
        try {
            Optional<Integer> owner = DomainXmlReader.running(domains.liveXml(vm.uuid), vm.settings).qemuUid();
            if (owner.isPresent()) {
                access.grant(vm.liveDevice.get(), owner.get(), List.of());
                Optional<String> socket = vm.spice.filter(SpiceEndpoint::isUnixSocket).map(SpiceEndpoint::unixSocket)
                        .filter(SpiceSockets::isOurs);
                if (socket.isPresent()) {
                    access.grantSpice(socket.get(), owner.get(), List.of());
                }
            }
        } catch (LibvirtFailure | DomainXmlException | DisplayAccess.AccessRefusedException e) {
            LOG.warn("{}: could not revoke access: {}", vm.name, e.getMessage());
        }
        vm.aclApplied = false;
    }
}
