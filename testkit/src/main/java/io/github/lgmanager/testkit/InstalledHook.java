// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The checkout's qemu hook installed where libvirtd looks for it, with libvirtd restarted so it runs it (libvirtd
 * reads its hook folders only at start-up); closing removes it and restarts libvirtd again, so the other tests
 * see lg-daemon alone. The installed wrapper does nothing when the checkout is gone, so a test run that dies
 * cannot leave a hook that blocks every VM of the machine.
 */
public final class InstalledHook implements AutoCloseable {
    private static final Path FOLDER = Path.of("/etc/libvirt/hooks/qemu.d");
    private final Path hook;

    private InstalledHook(Path hook) {
        this.hook = hook;
    }

    /** Installs bin/lg-qemu-hook of this checkout (run from a module folder) with the built daemon jar. */
    public static InstalledHook install() throws IOException {
        Prerequisite.root();
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Path launcher = checkout.resolve("bin/lg-qemu-hook");
        Path jar = checkout.resolve("daemon/target/lg-daemon.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new AssertionError("need " + launcher + " and " + jar + " (mvn package runs before this tier)");
        }
        Files.createDirectories(FOLDER);
        Path hook = FOLDER.resolve(UniqueNames.next() + "-lg-manager");
        Files.writeString(hook, "#!/bin/sh\n[ -x '" + launcher + "' ] && [ -f '" + jar + "' ] || exit 0\n"
                + "LG_DAEMON_JAR='" + jar + "' exec '" + launcher + "' \"$@\"\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        restartLibvirtd();
        return new InstalledHook(hook);
    }

    /** Stops libvirtd (running guests keep running) and starts it again the way scripts/test does. */
    public static void restartLibvirtd() {
        ExternalProcess.run(Duration.ofSeconds(10), "/usr/bin/pkill", "-x", "libvirtd");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ExternalProcess.run(Duration.ofSeconds(5), "/usr/bin/pgrep", "-x", "libvirtd").ok()
                && System.nanoTime() < deadline) {
            sleep();
        }
        ExternalProcess.check(Duration.ofSeconds(90), "/bin/bash", "-c",
                "source ../scripts/lib/stack.sh && stack_start_libvirt");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(hook);
        restartLibvirtd();
    }
}
