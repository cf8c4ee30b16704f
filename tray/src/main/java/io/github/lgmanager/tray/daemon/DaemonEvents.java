// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.DisplayTarget;
import java.util.List;

/**
 * What {@link DaemonClient} reports, always on its one event thread and in the order things happened, so the
 * receiver needs no locks. Every VmView is already refreshed from the daemon when it is delivered; VMs are named by
 * their UUID (the D-Bus object path is derived from it, {@code BusNames.vmPath}).
 */
public interface DaemonEvents {
    /** The whole picture, after start and after the daemon reappeared; {@code present} false: the daemon is away. */
    void synced(List<VmView> vms, boolean present);

    /** A VM's properties changed, or a VM was added. */
    void changed(VmView vm);

    void removed(String uuid, String name);

    void displayReady(VmView vm, DisplayTarget target);

    void displayClosed(VmView vm);

    void displayFailed(VmView vm, String reason);
}
