// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.daemon.vm.VmEvent.Kind;
import org.junit.jupiter.api.Test;
import org.libvirt.event.DomainEventType;

class LibvirtSessionTest {

    @Test
    void eachLifecycleEventMapsToWhatTheSupervisorDoesWithIt() {
        assertEquals(Kind.DEFINED, LibvirtSession.kindOf(DomainEventType.DEFINED));
        assertEquals(Kind.UNDEFINED, LibvirtSession.kindOf(DomainEventType.UNDEFINED));
        assertEquals(Kind.STARTED, LibvirtSession.kindOf(DomainEventType.STARTED));
        assertEquals(Kind.STOPPED, LibvirtSession.kindOf(DomainEventType.STOPPED));
        // The VM stays active through these: no libvirt call, nothing to publish.
        assertEquals(Kind.PAUSED_OR_RESUMED, LibvirtSession.kindOf(DomainEventType.SUSPENDED));
        assertEquals(Kind.PAUSED_OR_RESUMED, LibvirtSession.kindOf(DomainEventType.RESUMED));
        assertEquals(Kind.PAUSED_OR_RESUMED, LibvirtSession.kindOf(DomainEventType.PMSUSPENDED));
        // These may end the VM: the supervisor asks libvirt.
        assertEquals(Kind.OTHER, LibvirtSession.kindOf(DomainEventType.SHUTDOWN));
        assertEquals(Kind.OTHER, LibvirtSession.kindOf(DomainEventType.CRASHED));
        assertEquals(Kind.OTHER, LibvirtSession.kindOf(DomainEventType.UNKNOWN));
    }
}
