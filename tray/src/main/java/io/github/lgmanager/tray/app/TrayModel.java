// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.core.TrayIconState;
import java.util.List;

/** What the tray shows, as one immutable value handed to the SWT or SNI front end. */
public record TrayModel(List<Entry> vms, TrayIconState icon, boolean daemonPresent) {
    public TrayModel {
        vms = List.copyOf(vms);
    }

    /** One VM's menu: its state and whether this tray has a viewer open for it. */
    public record Entry(VmView vm, boolean viewerOpen) {
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
        long open = vms.stream().filter(Entry::viewerOpen).count();
        return "Looking Glass: " + vms.size() + (vms.size() == 1 ? " VM" : " VMs") + (open > 0 ? ", " + open + " display open" : "");
    }
}
