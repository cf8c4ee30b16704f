package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.tray.core.DisplayTarget;
import io.github.lgmanager.tray.core.VmState;
import java.util.Map;

/**
 * What {@link DaemonClient} reports, always on its one event thread and in the order things happened, so the
 * receiver needs no locks. Every VmState is already refreshed from the daemon when it is delivered.
 */
public interface DaemonEvents {
    /** The whole picture, after start and after the daemon reappeared; {@code present} false: the daemon is away. */
    void synced(Map<String, VmState> vms, boolean present);

    /** A VM's properties changed, or a VM was added. */
    void changed(VmState vm);

    void removed(String path, String name);

    void displayReady(VmState vm, DisplayTarget target);

    void displayClosed(VmState vm);

    void displayFailed(VmState vm, String reason);
}
