// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;

/**
 * When the tray opens and closes a viewer by itself. Pure decisions; the controller supplies what it knows.
 *
 * <p>A viewer the user closed stays closed until the VM stops ("dismissed"): a repeated DisplayReady, e.g. from a
 * restarted daemon re-announcing a running VM, must not pop the window up again. The menu's "Open display" always
 * works.
 */
public final class AutoOpenPolicy {
    private AutoOpenPolicy() {
    }

    public enum Reason {
        OPEN, NOT_LISTED, AUTO_OPEN_OFF, ALREADY_OPEN, DISMISSED, NOT_READY, BACKING_OFF
    }

    /** On DisplayReady: the daemon verified the file and granted access just before announcing it. */
    public static Reason onDisplayReady(VmView vm, String user, ViewerStatus viewer) {
        if (!vm.users().contains(user)) {
            return Reason.NOT_LISTED;
        }
        if (!vm.autoOpenUsers().contains(user)) {
            return Reason.AUTO_OPEN_OFF;
        }
        return byViewer(viewer);
    }

    /**
     * On (re-)sync, when no signal is at hand: a VM found running with access granted is treated like a
     * DisplayReady we missed (the tray started after the VM, or the daemon was away).
     */
    public static Reason onSync(VmView vm, String user, ViewerStatus viewer) {
        if (!vm.running() || !vm.enabled() || !vm.aclApplied() || vm.shmPath().isEmpty()) {
            return Reason.NOT_READY;
        }
        return onDisplayReady(vm, user, viewer);
    }

    /** On DisplayClosed, or a sync finding the VM stopped: close the viewer if the user wants that. */
    public static boolean closeWhenStopped(VmView vm, boolean closeOnDisplayClosed, ViewerStatus viewer) {
        return !vm.running() && closeOnDisplayClosed && viewer == ViewerStatus.RUNNING;
    }

    private static Reason byViewer(ViewerStatus viewer) {
        return switch (viewer) {
            case RUNNING -> Reason.ALREADY_OPEN;
            case DISMISSED -> Reason.DISMISSED;
            case BACKING_OFF -> Reason.BACKING_OFF;
            case NONE -> Reason.OPEN;
        };
    }

    /** What the tray's viewer for one VM is doing. */
    public enum ViewerStatus {
        /** no viewer, none wanted closed */
        NONE,
        RUNNING,
        /** the user closed it while the VM runs */
        DISMISSED,
        /** it crashed at start; a retry is scheduled or the tray gave up */
        BACKING_OFF
    }
}
