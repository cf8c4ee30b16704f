// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.Pending;
import io.github.lgmanager.tray.core.Permissions;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.List;
import java.util.Optional;

/** What the tray shows, as one immutable value handed to the SWT or SNI front end. */
public record TrayModel(List<Entry> vms, TrayIconState icon, boolean daemonPresent, Permissions permissions) {
    public TrayModel {
        vms = List.copyOf(vms);
    }

    public TrayModel(List<Entry> vms, TrayIconState icon, boolean daemonPresent) {
        this(vms, icon, daemonPresent, Permissions.UNKNOWN);
    }

    /** One VM's menu: its state, whether this tray has a viewer open for it, and a change under way. */
    public record Entry(VmView vm, boolean viewerOpen, Optional<Pending> pending) {
        public Entry(VmView vm, boolean viewerOpen) {
            this(vm, viewerOpen, Optional.empty());
        }

        /** "running", "shut off", plus what needs attention. */
        public String stateText() {
            String state = vm.running() ? (viewerOpen ? "running, display open" : "running") : "shut off";
            if (!vm.lastError().isEmpty()) {
                state += " — " + vm.lastError();
            }
            return state;
        }
    }

    public String tooltip() {
        if (!daemonPresent) {
            return "lg-tray: lg-daemon is not running (sudo systemctl start lg-daemon)";
        }
        for (Entry e : vms) {
            if (e.pending().isPresent()) {
                return e.vm().name() + ": " + e.pending().get().doing();
            }
        }
        long open = vms.stream().filter(Entry::viewerOpen).count();
        return "Looking Glass: " + vms.size() + (vms.size() == 1 ? " VM" : " VMs") + (open > 0 ? ", " + open + " display open" : "");
    }
}
