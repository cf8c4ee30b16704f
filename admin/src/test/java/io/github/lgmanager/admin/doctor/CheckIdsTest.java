// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --json's ids are an interface: renaming one must be a deliberate edit here, in CheckIds and in docs/doctor.md. */
class CheckIdsTest {

    @Test
    void theIdsAreExactlyThese() {
        assertEquals(List.of("host.daemon", "host.libvirt", "host.client.release", "host.protected-links", "host.vms",
                "vm.found", "vm.device", "vm.shm.size", "vm.shm.sharing", "vm.spice", "vm.spice.access", "vm.memballoon",
                "vm.shm-file.tmpfiles", "vm.shm-file.protected-regular", "vm.shm-file", "vm.shm-file.owner",
                "vm.shm-file.acl", "vm.kvmfr.module", "vm.kvmfr.device", "vm.kvmfr.udev", "vm.kvmfr.cgroup-device-acl",
                "vm.shm.exposure", "vm.shm.access", "vm.apparmor", "vm.selinux", "vm.host-app.version"),
                List.copyOf(CheckIds.all().values()));
    }

    @Test
    void everyIdIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/doctor.md"));
        for (String id : CheckIds.all().values()) {
            assertTrue(doc.contains("`" + id + "`"), id + " is not in docs/doctor.md");
        }
    }

    @Test
    void theIdDoesNotDependOnTheVmOrTheWording() {
        Check a = Check.fail(new Check.Subject("acl", "win11"), "the ACL does not grant alice", "x");
        Check b = Check.pass(new Check.Subject("acl", "my: odd vm"), "ACL grants bob read/write");
        assertEquals("vm.shm-file.acl", a.id());
        assertEquals(a.id(), b.id());
        assertEquals("my: odd vm", b.vm());
        assertEquals("daemon", Check.pass("daemon", "answers").label());
        assertEquals("", Check.pass("daemon", "answers").vm());
    }

    @Test
    void aCheckWithoutAnIdCannotBeBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Check.pass(new Check.Subject("new thing", "win11"), "ok"));
        assertTrue(e.getMessage().contains("add one to CheckIds and docs/doctor.md"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.pass("acl", "a VM check used as a host check"));
    }
}
