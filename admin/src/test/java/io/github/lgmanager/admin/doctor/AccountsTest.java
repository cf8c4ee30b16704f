// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Local users and groups: a group's members, and system accounts told from people's. */
class AccountsTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
            + "libvirt-qemu:x:64055:107:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin\n"
            + "alice:x:1000:1000:Alice:/home/alice:/bin/bash\nbroken line\n+nisuser\n";
    private static final String GROUP = "root:x:0:\nkvm:x:107:alice\nalice:x:1000:\n";

    @Test
    void aGroupsMembersAreThoseWhoseGroupItIsAndThoseListed() {
        Accounts a = Accounts.parse(PASSWD, GROUP, "");
        assertEquals(Optional.of(List.of("libvirt-qemu", "alice")), a.members("kvm"));
        assertEquals(Optional.empty(), a.members("staff"));
        assertEquals("kvm", a.groupName(107));
        assertEquals("gid 4242", a.groupName(4242));
    }

    @Test
    void systemAccountsEndAtSysUidMaxOrBelowUidMin() {
        Accounts defaults = Accounts.parse(PASSWD, GROUP, "");
        assertEquals(Optional.of(true), defaults.isSystemUser("root"));
        assertEquals(Optional.of(false), defaults.isSystemUser("alice"));
        assertEquals(Optional.of(false), defaults.isSystemUser("libvirt-qemu"), "uid 64055 is above 999");
        assertEquals(Optional.of(true), defaults.isSystemUser("998"));
        assertEquals(Optional.empty(), defaults.isSystemUser("nobody-here"));
        assertEquals(Optional.of(true), defaults.isSystemGroup("kvm"));
        assertEquals(Optional.of(false), defaults.isSystemGroup("alice"));
        Accounts wide = Accounts.parse(PASSWD, GROUP, "UID_MIN 2000\n#SYS_GID_MAX 10\nSYS_GID_MAX  500\n");
        assertEquals(Optional.of(true), wide.isSystemUser("alice"));
        assertEquals(Optional.of(false), wide.isSystemGroup("alice"));
    }
}
