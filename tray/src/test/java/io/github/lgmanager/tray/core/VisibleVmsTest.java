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

    @Test
    void theUsersOwnVmsComeFirstThenVmsWithoutLookingGlassAndOthersDisplaysAreHidden() {
        List<VmView> all = List.of(vm("zeta", true, List.of("alice")), vm("bobs", true, List.of("bob")),
                vm("plain", false, List.of()), vm("alpha", true, List.of("alice", "bob")));
        assertEquals(List.of("alpha", "zeta", "plain"), VisibleVms.forUser(all, "alice").stream().map(VmView::name).toList());
    }
}
