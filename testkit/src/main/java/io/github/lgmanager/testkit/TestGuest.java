// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A real, diskless QEMU guest with an ivshmem device: TCG (type 'qemu', since /dev/kvm is root-only and QEMU
 * runs as libvirt-qemu), 128 MiB, SPICE on loopback. Closing it destroys and undefines the VM and removes the
 * shared-memory file QEMU leaves behind.
 */
public final class TestGuest implements AutoCloseable {
    private final Connect connection;
    private final Domain domain;
    private final String name;
    private final String shmName;

    private TestGuest(Connect connection, Domain domain, String name, String shmName) {
        this.connection = connection;
        this.domain = domain;
        this.name = name;
        this.shmName = shmName;
    }

    /** Domain XML of the smallest guest that still shows what Looking Glass needs. */
    public static String xml(String name, String shmName, int shmSizeMiB) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    <graphics type='spice' autoport='yes' listen='127.0.0.1'/>
                    <video><model type='vga'/></video>
                    <memballoon model='none'/>
                    <shmem name='%s'><model type='ivshmem-plain'/><size unit='M'>%d</size></shmem>
                  </devices>
                </domain>
                """.formatted(name, shmName, shmSizeMiB);
    }

    /** The same guest without any shared memory: what a VM looks like before Looking Glass is enabled. */
    public static String xmlWithoutShmem(String name) {
        return xml(name, "unused", 32).replaceAll("\\s*<shmem name='unused'>.*</shmem>", "");
    }

    public static TestGuest define(Connect connection, int shmSizeMiB) throws LibvirtException {
        String name = UniqueNames.next();
        String shmName = name + "-shm";
        Domain domain = connection.domainDefineXML(xml(name, shmName, shmSizeMiB));
        return new TestGuest(connection, domain, name, shmName);
    }

    public String name() {
        return name;
    }

    public Domain domain() {
        return domain;
    }

    public Path shmPath() {
        return Path.of("/dev/shm", shmName);
    }

    public void start() throws LibvirtException {
        domain.create();
    }

    /** The uid the guest's QEMU process runs as, read from /proc like the daemon does. */
    public int qemuUid() throws IOException {
        String pid = Files.readString(Path.of("/run/libvirt/qemu", name + ".pid")).strip();
        return (Integer) Files.getAttribute(Path.of("/proc", pid), "unix:uid");
    }

    @Override
    public void close() throws Exception {
        try {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
        } finally {
            // QEMU leaves the file behind; deleteIfExists removes a symlink itself, never its target.
            Path shm = shmPath();
            if (Files.exists(shm, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(shm);
            }
            connection.close();
        }
    }
}
