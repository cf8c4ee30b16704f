// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.PosixAcl;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a grant or revoke did: the file's ACL before and after, and the users it was about with their uids.
 * {@code before.equals(after)} when there was nothing to do; then nothing was written.
 */
public record AclOutcome(Path file, PosixAcl before, PosixAcl after, Map<String, Integer> users) {
    public AclOutcome {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    public boolean changed() {
        return !before.equals(after);
    }

    /** For the log: {@code /dev/shm/lg: alice=1001: user::rw-,user:1001:rw-,... (was user::rw-,...)}. */
    @Override
    public String toString() {
        String who = users.entrySet().stream()
                .map(e -> e.getKey() + "=" + Integer.toUnsignedString(e.getValue()))
                .collect(Collectors.joining(", "));
        return file + ": " + (who.isEmpty() ? "no users" : who) + ": " + after
                + (changed() ? " (was " + before + ")" : " (unchanged)");
    }
}
