// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.libvirt.LibvirtEventLoop;
import io.github.lgmanager.core.vm.LibvirtFailure;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** The end-to-end tier's libvirt: the real libvirtd on qemu:///system, which scripts/test starts. */
public final class RealLibvirt {
    public static final String URI = "qemu:///system";

    private RealLibvirt() {
    }

    public static Connect connect() {
        Prerequisite.root();
        try {
            // With the event loop running, libvirt sends keepalives: a call on a connection to a libvirtd that
            // died fails instead of waiting forever.
            LibvirtEventLoop.ensureRunning();
            return new Connect(URI);
        } catch (LibvirtFailure e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (LibvirtException e) {
            throw new AssertionError("libvirtd does not answer on " + URI + " (" + e.getMessage().strip()
                    + "); start the stack with scripts/test, or: source scripts/lib/stack.sh && stack_up", e);
        }
    }
}
