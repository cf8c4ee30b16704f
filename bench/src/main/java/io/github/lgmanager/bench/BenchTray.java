// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * lg-tray as the desktop user (--no-tray: the auto-open listener), with a stand-in viewer that only writes its
 * exec time (bash's EPOCHREALTIME, wall clock in microseconds, read without starting another process; `date`
 * would add its own fork and exec to the figure) and then waits like a viewer window.
 */
final class BenchTray implements AutoCloseable {
    private final Path home;
    private final Process tray;
    private final long sessionBusPid;

    private BenchTray(Path home, Process tray, long sessionBusPid) {
        this.home = home;
        this.tray = tray;
        this.sessionBusPid = sessionBusPid;
    }

    static BenchTray start(Path repo, TestUser user) throws Exception {
        Path home = Files.createTempDirectory("lg-bench-home");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path viewer = home.resolve("viewer");
        Files.writeString(viewer, "#!/bin/bash\necho \"${EPOCHREALTIME//[!0-9]/}000\" >> \"$HOME/exec-times\"\nexec sleep 3600\n");
        Files.setPosixFilePermissions(viewer, PosixFilePermissions.fromString("rwxr-xr-x"));
        ExternalProcess.check(Duration.ofSeconds(10), "/bin/chown", "-R", user.name() + ":", home.toString());
        String[] session = ExternalProcess.check(Duration.ofSeconds(10), "/usr/sbin/runuser", "-u", user.name(), "--",
                "dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1").strip().split("\n");
        Process tray = new ProcessBuilder("/usr/sbin/runuser", "-u", user.name(), "--", "env", "HOME=" + home, "LG_JAVA_OPTS=" + Bench.TRACE_OPTION,
                "XDG_CONFIG_HOME=" + home.resolve("config"), "XDG_STATE_HOME=" + home.resolve("state"),
                "DBUS_SESSION_BUS_ADDRESS=" + session[0], repo.resolve("bin/lg-tray").toString(), "--no-tray",
                "--viewer", viewer.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("tray.log").toFile()).start();
        return new BenchTray(home, tray, Long.parseLong(session[1].strip()));
    }

    long pid() {
        // runuser forks the tray's JVM: report the JVM, whose cost is what we measure.
        return tray.toHandle().descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(tray.pid());
    }

    /** Exec times the stand-in recorded so far, in nanoseconds since the epoch. */
    List<Long> execTimes() throws Exception {
        Path file = home.resolve("exec-times");
        List<Long> times = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    times.add(Long.parseLong(line.strip()));
                }
            }
        }
        return times;
    }

    String log() throws Exception {
        return Files.readString(home.resolve("tray.log"));
    }

    @Override
    public void close() throws Exception {
        tray.toHandle().descendants().forEach(ProcessHandle::destroy);
        tray.destroy();
        tray.waitFor(10, TimeUnit.SECONDS);
        ProcessHandle.of(sessionBusPid).ifPresent(ProcessHandle::destroy);
        ExternalProcess.run(Duration.ofSeconds(10), "/bin/rm", "-rf", home.toString());
    }
}
