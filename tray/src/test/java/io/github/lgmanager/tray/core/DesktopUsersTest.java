// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DesktopUsersTest {
    @Test
    void offersPeoplesAccountsAndTheVmsOwnUsersButNotSystemAccounts() {
        String passwd = """
                root:x:0:0:root:/root:/bin/bash
                libvirt-qemu:x:64055:108::/var/lib/libvirt:/usr/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                bob:x:1001:1001::/home/bob:/bin/bash
                alice:x:1000:1000::/home/alice:/bin/bash
                broken line
                """;
        assertEquals(List.of("alice", "bob", "carol"), DesktopUsers.choices(passwd, List.of("carol", "alice")));
    }
}
