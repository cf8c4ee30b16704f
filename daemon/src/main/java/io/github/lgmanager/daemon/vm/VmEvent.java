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
        /** Suspended, resumed, crashed...: only the running state may have changed. */
        OTHER
    }
}
