// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The files lg-manager makes for this run's VMs (their /dev/shm files and SPICE folders). On the libvirt test
 * driver no VM is ever undefined for real when a test ends (its state dies with the connection), so lg-daemon
 * never hears that they are gone and the tests remove what it made for them.
 */
public final class SharedMemoryLeftovers {
    private static final Path SHM = Path.of("/dev/shm");
    private static final Path SPICE = Path.of("/run/lg-manager/spice");

    private SharedMemoryLeftovers() {
    }

    /** Removes what lg-manager made for any VM named by this run (never following links). */
    public static void removeThisRuns() {
        remove("looking-glass-" + UniqueNames.thisRun() + "*");
    }

    private static void remove(String glob) {
        for (Path folder : new Path[] {SHM, SPICE}) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, glob)) {
                for (Path path : found) {
                    // rm -r does not follow links, and removes a folder's contents too
                    ExternalProcess.run(Duration.ofSeconds(10), "/bin/rm", "-rf", "--one-file-system", path.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
