// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static io.github.lgmanager.tray.core.AutoOpenPolicy.Reason;
import static io.github.lgmanager.tray.core.AutoOpenPolicy.ViewerStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoOpenPolicyTest {
    static VmView vm(String name, boolean running, List<String> users, boolean autoOpen) {
        return TestVm.named(name).running(running).users(users.toArray(String[]::new)).autoOpen(autoOpen).build();
    }

    @Test
    void displayReadyOpensOnlyForAListedUserWithAutoOpenOn() {
        assertEquals(Reason.OPEN, AutoOpenPolicy.onDisplayReady(vm("w", true, List.of("alice"), true), "alice", ViewerStatus.NONE));
        assertEquals(Reason.NOT_LISTED, AutoOpenPolicy.onDisplayReady(vm("w", true, List.of("bob"), true), "alice", ViewerStatus.NONE));
        assertEquals(Reason.AUTO_OPEN_OFF, AutoOpenPolicy.onDisplayReady(vm("w", true, List.of("alice"), false), "alice", ViewerStatus.NONE));
    }

    @Test
    void aRepeatedDisplayReadyNeverStartsASecondViewer() {
        assertEquals(Reason.ALREADY_OPEN, AutoOpenPolicy.onDisplayReady(vm("w", true, List.of("alice"), true), "alice", ViewerStatus.RUNNING));
    }

    @Test
    void aViewerTheUserClosedOrThatKeepsCrashingIsNotReopenedBySignals() {
        VmView w = vm("w", true, List.of("alice"), true);
        assertEquals(Reason.DISMISSED, AutoOpenPolicy.onDisplayReady(w, "alice", ViewerStatus.DISMISSED));
        assertEquals(Reason.BACKING_OFF, AutoOpenPolicy.onDisplayReady(w, "alice", ViewerStatus.BACKING_OFF));
    }

    @Test
    void aSyncOpensARunningGrantedVmButNotOneWithoutAccessYet() {
        VmView granted = vm("w", true, List.of("alice"), true);
        assertEquals(Reason.OPEN, AutoOpenPolicy.onSync(granted, "alice", ViewerStatus.NONE));
        VmView notGranted = TestVm.named("w").running(true).aclApplied(false).build();
        assertEquals(Reason.NOT_READY, AutoOpenPolicy.onSync(notGranted, "alice", ViewerStatus.NONE));
        assertEquals(Reason.NOT_READY, AutoOpenPolicy.onSync(vm("w", false, List.of("alice"), true), "alice", ViewerStatus.NONE));
    }

    @Test
    void aStoppedVmsViewerClosesOnlyWhenTheUserWantsThat() {
        VmView stopped = vm("w", false, List.of("alice"), true);
        assertTrue(AutoOpenPolicy.closeWhenStopped(stopped, true, ViewerStatus.RUNNING));
        assertFalse(AutoOpenPolicy.closeWhenStopped(stopped, false, ViewerStatus.RUNNING));
        assertFalse(AutoOpenPolicy.closeWhenStopped(vm("w", true, List.of("alice"), true), true, ViewerStatus.RUNNING));
    }
}
