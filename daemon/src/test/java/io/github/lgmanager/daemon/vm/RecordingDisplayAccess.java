// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The files and ACLs as the supervisor drives them, written down instead of done: each call becomes a line in the
 * shared timeline (so a test can see that the grant came before DisplayReady). A grant can be made to fail, as the
 * real guard refuses a planted file.
 */
final class RecordingDisplayAccess implements DisplayAccess {
    private static final Map<String, Integer> USERS = Map.of("root", 0, "alice", 1001, "bob", 1002);
    private final List<String> timeline;
    /** When set, every grant is refused with this reason. */
    String refuseGrants;

    RecordingDisplayAccess(List<String> timeline) {
        this.timeline = timeline;
    }

    @Override
    public void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException {
        if (refuseGrants != null) {
            timeline.add("refused " + device.path());
            throw new AccessRefusedException(refuseGrants);
        }
        timeline.add("grant " + device.path() + " to " + users + " as " + qemuUid);
    }

    @Override
    public String prepareStopped(SharedMemoryDevice device, Optional<String> staticDacLabel, List<String> users,
            boolean fresh) {
        timeline.add((fresh ? "recreate " : "ensure ") + device.path() + " (" + device.sizeBytes() / (1 << 20)
                + " MiB) for " + users);
        return device.path() + (fresh ? " recreated" : " kept");
    }

    @Override
    public void prepareSpice(String socket, Optional<String> staticDacLabel, List<String> users) {
        timeline.add("spice folder " + socket);
    }

    @Override
    public void grantSpice(String socket, int qemuUid, List<String> users) {
        timeline.add("grant spice " + socket + " to " + users);
    }

    @Override
    public void removeSpice(String socket) {
        timeline.add("remove spice " + socket);
    }

    @Override
    public void removeStopped(SharedMemoryDevice device) {
        timeline.add("remove " + device.path());
    }

    @Override
    public OptionalInt uidOf(String user) {
        Integer uid = USERS.get(user);
        return uid == null ? OptionalInt.empty() : OptionalInt.of(uid);
    }

    @Override
    public Optional<String> selfCheck() {
        return Optional.empty();
    }
}
