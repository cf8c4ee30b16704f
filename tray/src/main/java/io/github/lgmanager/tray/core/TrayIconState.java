// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import java.util.Collection;

/** The icon's looks. Busy wins while a change the user asked for is under way: it is the answer to their click. */
public enum TrayIconState {
    IDLE("lg-tray-idle"), OPEN("lg-tray-open"), BUSY("lg-tray-busy"), ERROR("lg-tray-error");

    /** The icon's name in the hicolor theme (and the PNG/SVG file names). */
    public final String iconName;

    TrayIconState(String iconName) {
        this.iconName = iconName;
    }

    /**
     * @param visible      the VMs shown to this user
     * @param viewersOpen  how many viewers run
     * @param daemonAway   lg-daemon is not on the bus
     * @param busy         a change the user asked for is pending
     */
    public static TrayIconState of(Collection<VmView> visible, int viewersOpen, boolean daemonAway, boolean busy) {
        if (busy && !daemonAway) {
            return BUSY;
        }
        if (daemonAway || visible.stream().anyMatch(vm -> vm.enabled() && !vm.lastError().isEmpty())) {
            return ERROR;
        }
        return viewersOpen > 0 ? OPEN : IDLE;
    }
}
