// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;

/**
 * What a viewer connects to, as DisplayReady and RequestOpen deliver it. spicePort 0 means spiceHost is a UNIX
 * socket path; an empty spiceHost means the VM has no SPICE graphics.
 */
public record DisplayTarget(String shmPath, String spiceHost, int spicePort) {
    /** Where a running VM's display is according to its properties: for a re-sync, when no DisplayReady is at hand. */
    public static DisplayTarget of(VmView vm) {
        return new DisplayTarget(vm.shmPath(), vm.spiceHost(), vm.spicePort());
    }

    public boolean hasSpice() {
        return !spiceHost.isEmpty();
    }

    public boolean spiceIsUnixSocket() {
        return hasSpice() && spicePort == 0;
    }
}
