// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which VMs the tray lists for this user: the Looking Glass VMs that list the user, then the VMs without Looking
 * Glass (switching it on from the menu is how a VM gets its users). Someone else's Looking Glass VM stays hidden:
 * its display is not this user's business.
 */
public final class VisibleVms {
    private VisibleVms() {
    }

    public static List<VmView> forUser(Collection<VmView> all, String user) {
        return all.stream()
                .filter(vm -> vm.users().contains(user) || !vm.enabled())
                .sorted(Comparator.comparing((VmView vm) -> !vm.users().contains(user)).thenComparing(VmView::name))
                .toList();
    }
}
