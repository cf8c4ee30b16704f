package io.github.lgmanager.tray.core;

import java.util.List;

/**
 * What the tray knows about one VM: a snapshot of the daemon's Vm properties. Immutable, so the event thread
 * can hand it to the UI thread without locks.
 */
public record VmState(String path, String name, boolean running, boolean enabled, List<String> users,
        boolean autoOpen, List<String> clientOptions, String shmPath, String spiceHost, int spicePort,
        boolean aclApplied, String lastError, boolean pendingRestart, int width, int height, boolean hdr) {

    public VmState {
        users = List.copyOf(users);
        clientOptions = List.copyOf(clientOptions);
    }

    /** A VM the daemon announced but whose properties could not be read (yet). */
    public static VmState unknown(String path, String name) {
        return new VmState(path, name, false, false, List.of(), false, List.of(), "", "", 0, false, "", false, 0, 0, false);
    }

    public boolean listsUser(String user) {
        return users.contains(user);
    }

    /** Where a viewer finds this running VM's display, from the properties (used when no DisplayReady is at hand). */
    public DisplayTarget display() {
        return new DisplayTarget(shmPath, spiceHost, spicePort);
    }
}
