// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.AclEntry;
import io.github.lgmanager.linux.PosixAcl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclOutcomeTest {
    private static final Path SHM = Path.of("/dev/shm/looking-glass");
    private static final PosixAcl QEMU_FILE = PosixAcl.fromMode(0644);

    @Test
    void aGrantIsLoggedWithTheUsersTheNewAclAndTheOldOne() {
        Map<String, Integer> users = new LinkedHashMap<>();
        users.put("alice", 1001);
        users.put("bob", 1002);
        var outcome = new AclOutcome(SHM, QEMU_FILE, PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(1001, 6), AclEntry.user(1002, 6),
                AclEntry.groupObj(4), AclEntry.mask(6), AclEntry.other(4))), users);

        assertTrue(outcome.changed());
        assertEquals("/dev/shm/looking-glass: alice=1001, bob=1002: user::rw-,user:1001:rw-,user:1002:rw-,group::r--,"
                + "mask::rw-,other::r-- (was user::rw-,group::r--,other::r--)", outcome.toString());
    }

    @Test
    void nothingToDoIsLoggedAsUnchanged() {
        PosixAcl granted = PosixAcl.of(List.of(AclEntry.userObj(6), AclEntry.user(1001, 6), AclEntry.groupObj(4), AclEntry.mask(6), AclEntry.other(4)));
        var outcome = new AclOutcome(SHM, granted, granted, Map.of("alice", 1001));

        assertFalse(outcome.changed());
        assertTrue(outcome.toString().endsWith("(unchanged)"), outcome.toString());
    }
}
