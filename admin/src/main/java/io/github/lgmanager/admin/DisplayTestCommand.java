// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.displaytest.MappedShm;
import io.github.lgmanager.admin.displaytest.TestCardLoop;
import io.github.lgmanager.api.ProductVersion;
import io.github.lgmanager.core.displaytest.TestCardServer;
import io.github.lgmanager.core.lgmp.LgmpException;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.VmView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "display-test", mixinStandardHelpOptions = true,
        description = {"Act as the guest's Looking Glass host and serve a moving test card (colour bars, a moving"
                + " block, the frame number in binary) into a VM's shared memory, so looking-glass-client can be"
                + " tried on this side first: its build, your access to the file, its GPU path and SPICE.",
            "Runs as you, with the access the client has. Refuses while the guest's own host application is running."
                + " Prints a line when a client subscribes or leaves, and a summary at the end (Ctrl-C or --seconds)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin display-test win11", "  lg-admin display-test win11 --seconds 30 --fps 60 --size 1080p",
            "  lg-admin display-test --file /dev/shm/looking-glass-test --size 1280x720"})
final class DisplayTestCommand extends Subcommand {
    static final int DEFAULT_FPS = 30;
    private static final Resolution FILE_DEFAULT = new Resolution(1280, 720);

    @Parameters(paramLabel = "VM", arity = "0..1", description = "The VM whose shared memory to use.")
    String name;

    @Option(names = "--file", paramLabel = "PATH",
            description = "A shared-memory file in /dev/shm instead of a VM's (needs neither lg-daemon nor libvirt).")
    Path file;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: at Ctrl-C).")
    Integer seconds;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "" + DEFAULT_FPS,
            description = "Frames per second, 1 to 120 (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--size", paramLabel = "RES",
            description = "The card's size: WIDTHxHEIGHT or a preset (default: the VM's resolution; 1280x720 with --file).")
    String size;

    private record Target(Path path, Resolution resolution, String whenGone, String clientHint) {
    }

    @Override
    public Integer call() throws AdminException {
        if ((name == null) == (file == null)) {
            throw new AdminException("name a VM or give --file PATH (one of them)", AdminException.USAGE);
        }
        if (fps < 1 || fps > 120) {
            throw new AdminException("--fps must be 1 to 120, not " + fps, AdminException.USAGE);
        }
        if (seconds != null && seconds < 1) {
            throw new AdminException("--seconds must be at least 1, not " + seconds, AdminException.USAGE);
        }
        Target target = name != null ? vmTarget() : fileTarget();
        Resolution res = size == null ? target.resolution() : resolution(size).resolution();
        try (MappedShm shm = MappedShm.open(target.path(), main.host().invokingUser(), target.whenGone())) {
            TestCardServer server = start(shm, res);
            out().printf("serving a %s test card at %d fps on %s (%d MiB), session %08x%n", res, fps, shm.path(),
                    shm.sizeMiB(), server.sessionId());
            out().println("start the client now: " + target.clientHint() + (seconds == null ? "; Ctrl-C stops" : ""));
            out().flush();
            return serve(server, shm.path());
        }
    }

    private Target vmTarget() throws AdminException {
        VmView vm;
        try (VmBackend backend = Backends.open(main)) {
            vm = backend.find(name);
        }
        if (!vm.enabled()) {
            throw new AdminException("Looking Glass is not enabled on VM '" + name + "' (lg-admin enable " + name + ")");
        }
        if (!vm.mode().equalsIgnoreCase("shm")) {
            throw new AdminException("VM '" + name + "' uses the kvmfr device " + vm.shmPath() + "; display-test serves"
                    + " /dev/shm files only");
        }
        String hint = "looking-glass-client -f " + vm.shmPath() + spiceArguments(vm);
        if (!vm.running()) {
            out().println("VM '" + name + "' is shut off: its file is there, SPICE is not");
        }
        return new Target(Path.of(vm.shmPath()), new Resolution(vm.width(), vm.height()),
                "lg-daemon makes it while Looking Glass is enabled; is lg-daemon running?", hint);
    }

    /** Where the client finds the VM's SPICE server (a socket path with port 0), or SPICE off when there is none. */
    static String spiceArguments(VmView vm) {
        if (!vm.running() || vm.spiceHost().isEmpty()) {
            return " spice:enable=no";
        }
        return " -c " + vm.spiceHost() + " -p " + vm.spicePort();
    }

    private Target fileTarget() throws AdminException {
        Path folder = main.host().path("dev/shm");
        Path absolute = file.toAbsolutePath().normalize();
        if (!folder.equals(absolute.getParent())) {
            throw new AdminException("--file must name a file directly in /dev/shm, not " + file, AdminException.USAGE);
        }
        return new Target(absolute, FILE_DEFAULT, "create it first (for example: truncate -s 32M " + absolute + ")",
                "looking-glass-client -f " + absolute + " spice:enable=no");
    }

    private TestCardServer start(MappedShm shm, Resolution res) throws AdminException {
        try {
            return TestCardServer.start(shm.buffer(), res.width(), res.height(), "lg-manager " + ProductVersion.get(),
                    TestCardServer::monotonicMillis, new SplittableRandom(), d -> Thread.sleep(d.toMillis()));
        } catch (TestCardServer.CardTooLargeException e) {
            throw new AdminException(shm.path() + ": " + e.getMessage() + " (--size)");
        } catch (LgmpException e) {
            throw new AdminException(shm.path() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while looking for a running host on " + shm.path());
        }
    }

    private int serve(TestCardServer server, Path path) throws AdminException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: the hook asks the loop to stop and holds the JVM until the header is marked not running
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "display-test-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TestCardLoop.Summary summary;
        try {
            summary = TestCardLoop.run(server, fps, Optional.ofNullable(seconds).map(Duration::ofSeconds), stop::get,
                    line -> {
                        out().println(line);
                        out().flush();
                    });
        } finally {
            server.stop();
        }
        try {
            out().println(summary(summary, path));
            out().flush();
        } finally {
            done.countDown();
            removeHook(hook);
        }
        if (summary.failure().isPresent()) {
            throw new AdminException("stopped: " + summary.failure().get());
        }
        return 0;
    }

    static String summary(TestCardLoop.Summary s, Path path) {
        double secs = s.elapsed().toMillis() / 1000.0;
        double watched = s.watched().toMillis() / 1000.0;
        String rate = s.frames() > 0 && watched > 0 ? String.format(Locale.ROOT, " (%.1f fps over the %.1f s a client"
                + " was subscribed)", s.frames() / watched, watched) : "";
        String clients = s.subscriptions() == 0
                ? "no client subscribed (run looking-glass-client -f " + path + " while this runs)"
                : s.subscriptions() + (s.subscriptions() == 1 ? " client subscription" : " client subscriptions");
        return String.format(Locale.ROOT, "served %d frames in %.1f s%s; %s", s.frames(), secs, rate, clients);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running and returns now that we are done
        }
    }

}
