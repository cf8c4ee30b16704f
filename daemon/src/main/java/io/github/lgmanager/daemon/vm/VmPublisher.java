// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmView;
/** Where the supervisor announces what happened; the D-Bus service implements it. */
public interface VmPublisher {
    void vmAdded(VmView vm);

    void vmRemoved(VmView vm);

    /** Any property may have changed; the publisher works out which. */
    void vmChanged(VmView vm);

    void displayReady(VmView vm);

    void displayClosed(VmView vm);

    void displayFailed(VmView vm, String reason);

    void libvirtConnected(boolean connected);
}
