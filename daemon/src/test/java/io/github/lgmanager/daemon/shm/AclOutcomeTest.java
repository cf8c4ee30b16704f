package io.github.lgmanager.daemon.shm;

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
        var outcome = new AclOutcome(SHM, QEMU_FILE, QEMU_FILE.withReadWriteFor(users.values()), users);

        assertTrue(outcome.changed());
        assertEquals("/dev/shm/looking-glass: alice=1001, bob=1002: user::rw-,user:1001:rw-,user:1002:rw-,group::r--,"
                + "mask::rw-,other::r-- (was user::rw-,group::r--,other::r--)", outcome.toString());
    }

    @Test
    void nothingToDoIsLoggedAsUnchanged() {
        PosixAcl granted = QEMU_FILE.withReadWriteFor(List.of(1001));
        var outcome = new AclOutcome(SHM, granted, granted, Map.of("alice", 1001));

        assertFalse(outcome.changed());
        assertTrue(outcome.toString().endsWith("(unchanged)"), outcome.toString());
    }
}
