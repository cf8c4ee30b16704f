// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleVmsTest {
    private static VmView vm(String name, boolean enabled, List<String> users) {
        return TestVm.named(name).enabled(enabled).users(users.toArray(String[]::new)).build();
    }

    private static final List<VmView> ALL = List.of(vm("zeta", true, List.of("alice")), vm("bobs", true, List.of("bob")),
            vm("plain", false, List.of()), vm("alpha", true, List.of("alice", "bob")));

    @Test
    void eachUserSeesOnlyTheVmsThatListThem() {
        assertEquals(List.of("alpha", "zeta"), names(VisibleVms.forUser(ALL, "alice", false)));
        assertEquals(List.of("alpha", "bobs"), names(VisibleVms.forUser(ALL, "bob", false)));
        assertEquals(List.of(), names(VisibleVms.forUser(ALL, "carol", false)));
    }

    @Test
    void anAdministratorWhoOptsInSeesEveryVmTheirOwnFirst() {
        assertEquals(List.of("alpha", "zeta", "bobs", "plain"), names(VisibleVms.forUser(ALL, "alice", true)));
    }

    private static List<String> names(List<VmView> vms) {
        return vms.stream().map(VmView::name).toList();
    }
}
