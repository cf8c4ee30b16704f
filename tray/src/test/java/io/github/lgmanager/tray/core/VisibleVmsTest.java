package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleVmsTest {
    private static VmState vm(String name, boolean enabled, List<String> users) {
        return new VmState("/p/" + name, name, false, enabled, users, false, List.of(), "", "", 0, false, "", false, 0, 0, false);
    }

    @Test
    void theUsersOwnVmsComeFirstThenVmsWithoutLookingGlassAndOthersDisplaysAreHidden() {
        List<VmState> all = List.of(vm("zeta", true, List.of("alice")), vm("bobs", true, List.of("bob")),
                vm("plain", false, List.of()), vm("alpha", true, List.of("alice", "bob")));
        assertEquals(List.of("alpha", "zeta", "plain"), VisibleVms.forUser(all, "alice").stream().map(VmState::name).toList());
    }
}
