// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

/** A libvirt lifecycle event, reduced to what the supervisor acts on. */
public record VmEvent(String uuid, String name, Kind kind) {

    public enum Kind {
        /** Defined or redefined (ADDED, UPDATED, RENAMED...). */
        DEFINED,
        UNDEFINED,
        /** Booted, restored, migrated in... QEMU (re)created the shared memory. */
        STARTED,
        STOPPED,
        /**
         * Suspended, resumed, PM-suspended: the VM stays active, so nothing the daemon tracks changes. QEMU
         * announces RESUMED just before STARTED on every boot; asking libvirt about it would delay the display.
         */
        PAUSED_OR_RESUMED,
        /** Shut down, crashed...: only the running state may have changed. */
        OTHER
    }
}
