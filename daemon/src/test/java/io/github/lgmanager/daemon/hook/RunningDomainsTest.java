// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvirt's status files of running VMs, as the hook reads them to find a VM already using a file. */
class RunningDomainsTest {
    private static final SharedMemoryDevice SHM =
            new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/looking-glass", 32L << 20);

    @TempDir
    Path status;

    @Test
    void aRunningVmWithTheSameShmemNameIsFound() throws Exception {
        Files.writeString(status.resolve("win10.xml"), "<domstatus><domain><devices>"
                + "<shmem name='looking-glass'><model type='ivshmem-plain'/></shmem></devices></domain></domstatus>");

        assertEquals(Optional.of("win10"), new RunningDomains(List.of(status)).otherUserOf("win11", SHM));
    }

    @Test
    void theVmItselfAndSimilarNamesDoNotCount() throws Exception {
        Files.writeString(status.resolve("win11.xml"), "<shmem name='looking-glass'>");
        Files.writeString(status.resolve("lab.xml"), "<shmem name=\"looking-glass-lab\">");

        assertEquals(Optional.empty(), new RunningDomains(List.of(status)).otherUserOf("win11", SHM));
    }

    @Test
    void aKvmfrDeviceIsFoundByItsPathButNotAnotherNumber() throws Exception {
        SharedMemoryDevice kvmfr1 = new SharedMemoryDevice(ShmMode.Kind.KVMFR, "/dev/kvmfr1", 32L << 20);
        Files.writeString(status.resolve("a.xml"), "'mem-path':'/dev/kvmfr10'");
        assertEquals(Optional.empty(), new RunningDomains(List.of(status)).otherUserOf("b", kvmfr1));
        Files.writeString(status.resolve("c.xml"), "'mem-path':'/dev/kvmfr1',");
        assertEquals(Optional.of("c"), new RunningDomains(List.of(status)).otherUserOf("b", kvmfr1));
    }

    @Test
    void noStatusFolderMeansNothingRuns() {
        assertEquals(Optional.empty(),
                new RunningDomains(List.of(status.resolve("missing"))).otherUserOf("win11", SHM));
    }
}
