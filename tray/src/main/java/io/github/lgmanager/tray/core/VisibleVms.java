// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which VMs the tray lists: the user's own (those whose Users list them). Someone else's VM, or one without Looking
 * Glass, is not this user's business; an administrator who sets VMs up from the tray opts in to all of them
 * ({@code lg-tray --all-vms}), their own first.
 */
public final class VisibleVms {
    private VisibleVms() {
    }

    public static List<VmView> forUser(Collection<VmView> all, String user, boolean allVms) {
        return all.stream()
                .filter(vm -> allVms || vm.users().contains(user))
                .sorted(Comparator.comparing((VmView vm) -> !vm.users().contains(user)).thenComparing(VmView::name))
                .toList();
    }
}
