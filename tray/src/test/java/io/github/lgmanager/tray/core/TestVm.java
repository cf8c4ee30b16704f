// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Builds the daemon's snapshot of a VM for tests: by default an enabled, stopped VM of alice's with auto-open on,
 * SPICE on 127.0.0.1:5900, 1920×1080. Each test names only what its behaviour depends on.
 */
public final class TestVm {
    private final String name;
    private boolean running;
    private boolean enabled = true;
    private List<String> users = List.of("alice");
    private boolean autoOpen = true;
    private List<String> clientOptions = List.of();
    private boolean aclApplied;
    private String lastError = "";
    private boolean pendingRestart;

    private TestVm(String name) {
        this.name = name;
    }

    public static TestVm named(String name) {
        return new TestVm(name);
    }

    /** The same name always gives the same UUID, as a VM keeps its UUID across snapshots. */
    public static String uuidOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Running or not; the daemon applies a running VM's ACL before it announces it, so that follows. */
    public TestVm running(boolean on) {
        running = on;
        aclApplied = on;
        return this;
    }

    public TestVm enabled(boolean on) {
        enabled = on;
        return this;
    }

    public TestVm users(String... names) {
        users = List.of(names);
        return this;
    }

    public TestVm autoOpen(boolean on) {
        autoOpen = on;
        return this;
    }

    public TestVm clientOptions(String... options) {
        clientOptions = List.of(options);
        return this;
    }

    public TestVm aclApplied(boolean on) {
        aclApplied = on;
        return this;
    }

    public TestVm lastError(String error) {
        lastError = error;
        return this;
    }

    public TestVm pendingRestart(boolean on) {
        pendingRestart = on;
        return this;
    }

    public VmView build() {
        return new VmView(uuidOf(name), name, running, enabled, "shm", "/dev/shm/" + name, 32, 32, 1920, 1080, false,
                "", users, autoOpen ? users : List.of(), clientOptions, "127.0.0.1", 5900, aclApplied, lastError, pendingRestart);
    }
}
