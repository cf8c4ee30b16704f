// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.Xvfb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.Variant;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Figures 1 and 3 on the same starts of one diskless TCG guest. One bus client, one clock (System.nanoTime at
 * signal receipt): libvirt-dbus's DomainEvent(STARTED) is the floor; against it, our DisplayReady (the ACL is
 * in place by then), a 2-second `virsh domstate` polling loop, and `virt-viewer --wait` showing the guest.
 */
final class StartLatencyBench {
    static final int STARTS = Integer.parseInt(System.getenv().getOrDefault("LG_BENCH_STARTS", "20"));
    private static final long POLL_INTERVAL_MS = 2000;

    /** virshPollMs and virtViewerMs are null for a run without the alternatives. */
    record Result(Stats oursMs, Stats viewerAfterReadyMs, Stats virshPollMs, Stats virtViewerMs,
            Map<String, Stats> daemonSteps, Map<String, Stats> traySteps) {
    }

    /**
     * @param alternatives whether virt-viewer and the poller run beside us (figure 3); without them the same
     *     starts show how much of our delay is the two cores being shared
     */
    static Result run(Stack stack, BenchTray tray, boolean alternatives) throws Exception {
        int viewersBefore = tray.execTimes().size();
        String name = "lgmt-bench-" + ProcessHandle.current().pid();
        String shmName = name + "-lg";
        Path shm = Path.of("/dev/shm", shmName);
        Domain domain = stack.libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
        String uuid = domain.getUUIDString();
        DBusPath vmPath = new DBusPath(BusNames.vmPath(uuid));
        DBusPath libvirtDbusPath = new DBusPath("/org/libvirt/QEMU/domain/_" + uuid.replace('-', '_'));
        List<Double> ours = new ArrayList<>();
        List<Double> viewerAfterReady = new ArrayList<>();
        AtomicLong readyWallNanos = new AtomicLong();
        List<Double> virsh = new ArrayList<>();
        List<Double> viewer = new ArrayList<>();
        AtomicLong startedAt = new AtomicLong();
        AtomicLong readyAt = new AtomicLong();
        Phases daemonSteps = new Phases();
        Phases traySteps = new Phases();
        AutoCloseable onStarted = stack.bus.addSigHandler(LibvirtDbusConnect.DomainEvent.class, s -> {
            if (System.getenv("LG_BENCH_DEBUG") != null) {
                Bench.progress("  DomainEvent " + s.getDomain() + " " + s.getEvent() + " (want " + libvirtDbusPath + ")");
            }
            if (s.getDomain().equals(libvirtDbusPath) && s.getEvent() == LibvirtDbusConnect.STARTED) {
                startedAt.compareAndSet(0, System.nanoTime());
            }
        });
        AutoCloseable onReady = stack.bus.addSigHandler(Manager.DisplayReady.class, s -> {
            if (s.getVm().equals(vmPath) && readyAt.compareAndSet(0, System.nanoTime())) {
                java.time.Instant now = java.time.Instant.now(); // the stand-in viewer records wall-clock time
                readyWallNanos.set(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            }
        });
        try {
            stack.awaitVm(name);
            Vm vm = stack.bus.getRemoteObject(BusNames.SERVICE, vmPath.getPath(), Vm.class);
            vm.Enable(Map.of(
                    "users", new Variant<>(List.of(stack.user.name()), "as"), "shm_name", new Variant<>(shmName),
                    "auto_open", new Variant<>(true), "auto_open_user", new Variant<>(stack.user.name())));
            for (int run = 1; run <= STARTS; run++) {
                startedAt.set(0);
                readyAt.set(0);
                Files.deleteIfExists(shm); // every start like the first after a reboot: QEMU creates the file
                Poller poller = !alternatives ? null : Poller.start(name);
                Process virtViewer = !alternatives ? null : startVirtViewer(stack.x, name);
                Thread.sleep(1500 + ThreadLocalRandom.current().nextLong(POLL_INTERVAL_MS)); // viewer waiting, poller at a random phase
                long runStart = System.nanoTime();
                domain.create();
                long windowAt = !alternatives ? 0 : awaitGuestShown(stack.x, name);
                long polledAt = !alternatives ? 0 : poller.awaitRunning();
                await(startedAt, "libvirt-dbus DomainEvent");
                await(readyAt, "DisplayReady");
                ours.add((readyAt.get() - startedAt.get()) / 1e6);
                long viewerExecWall = awaitViewer(tray, viewersBefore + run);
                viewerAfterReady.add((viewerExecWall - readyWallNanos.get()) / 1e6);
                profileDaemon(daemonSteps, TraceMarks.parse(stack.daemon.log()), uuid, runStart, startedAt.get(), readyAt.get());
                // The stand-in's wall-clock exec time, on the monotonic clock of the trace marks.
                long viewerExec = readyAt.get() + (viewerExecWall - readyWallNanos.get());
                profileTray(traySteps, awaitTrayMarks(tray, vmPath.getPath(), runStart), vmPath.getPath(), runStart,
                        readyAt.get(), viewerExec);
                String line = String.format("  start %d/%d: DisplayReady +%.1f ms, viewer +%.1f ms after it", run,
                        STARTS, ours.get(ours.size() - 1), viewerAfterReady.get(viewerAfterReady.size() - 1));
                if (alternatives) {
                    virsh.add((polledAt - startedAt.get()) / 1e6);
                    viewer.add((windowAt - startedAt.get()) / 1e6);
                    line += String.format(", virsh poll +%.0f ms, virt-viewer +%.0f ms", virsh.get(virsh.size() - 1),
                            viewer.get(viewer.size() - 1));
                }
                Bench.progress(line);
                if (virtViewer != null) {
                    virtViewer.destroy();
                    virtViewer.waitFor(5, TimeUnit.SECONDS);
                }
                domain.destroy();
                Thread.sleep(300);
            }
        } finally {
            onStarted.close();
            onReady.close();
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            Files.deleteIfExists(shm);
        }
        return new Result(Stats.of(ours), Stats.of(viewerAfterReady), alternatives ? Stats.of(virsh) : null,
                alternatives ? Stats.of(viewer) : null, daemonSteps.stats(), traySteps.stats());
    }

    /** Figure 1, step by step: from libvirt-dbus's signal at the bench to our DisplayReady at the bench. */
    private static void profileDaemon(Phases steps, TraceMarks marks, String uuid, long since, long floor, long ready) {
        long event = marks.require("daemon.libvirt-event.STARTED", uuid, since);
        long supervisor = marks.require("daemon.supervisor.STARTED", uuid, since);
        long read = marks.require("daemon.live-xml-read", uuid, since);
        long parsed = marks.require("daemon.live-xml-parsed", uuid, since);
        long acl = marks.require("daemon.acl-written", uuid, since);
        long properties = marks.require("daemon.properties-sent", uuid, since);
        long sent = marks.require("daemon.display-ready-sent", uuid, since);
        steps.add("libvirt's event reaches lg-daemon (minus: before libvirt-dbus's signal reaches the bench)", floor, event);
        steps.add("queued to the supervisor thread", event, supervisor);
        steps.add("live XML read (one libvirt call)", supervisor, read);
        steps.add("live XML parsed", read, parsed);
        steps.add("/dev/shm file verified, ACL written and read back", parsed, acl);
        steps.add("PropertiesChanged built and sent", acl, properties);
        steps.add("DisplayReady built and sent", properties, sent);
        steps.add("DisplayReady reaches the bench's handler", sent, ready);
    }

    /** Figure 2, step by step: from our DisplayReady at the bench to the stand-in viewer's exec. */
    private static void profileTray(Phases steps, TraceMarks marks, String path, long since, long ready, long exec) {
        long received = marks.require("tray.display-ready-received", path, since);
        long eventThread = marks.require("tray.display-ready-on-event-thread", path, since);
        long known = marks.require("tray.vm-state-known", path, since);
        long stateThread = marks.require("tray.display-ready-on-state-thread", path, since);
        long spawn = marks.require("tray.viewer-spawn", path, since);
        steps.add("DisplayReady reaches lg-tray's handler (minus: before the bench's)", ready, received);
        steps.add("queued to the tray's event thread", received, eventThread);
        steps.add("the VM's state taken from the cache the signals keep", eventThread, known);
        steps.add("queued to the tray's state thread", known, stateThread);
        steps.add("auto-open decided, viewer log opened", stateThread, spawn);
        steps.add("process spawned until the stand-in recorded its start", spawn, exec);
    }

    /** lg-tray prints its last mark just after the viewer's exec: wait for it. */
    private static TraceMarks awaitTrayMarks(BenchTray tray, String path, long since) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            TraceMarks marks = TraceMarks.parse(tray.log());
            if (marks.first("tray.viewer-spawned", path, since).isPresent() || System.nanoTime() > deadline) {
                return marks;
            }
            Thread.sleep(2);
        }
    }

    /** The exec time of the run-th viewer lg-tray started (one per start: it closes it when the VM stops). */
    private static long awaitViewer(BenchTray tray, int run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tray.execTimes().size() < run) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lg-tray did not start viewer " + run + ": " + tray.log());
            }
            Thread.sleep(2);
        }
        return tray.execTimes().get(run - 1);
    }

    private static void await(AtomicLong at, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (at.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " never arrived");
            }
            Thread.sleep(1);
        }
    }

    private static Process startVirtViewer(Xvfb x, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/virt-viewer", "--connect", "qemu:///system", "--wait", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", x.display());
        return pb.start();
    }

    /** virt-viewer --wait maps a "Virt Viewer" window at once; when it shows the guest, the title becomes its name. */
    private static long awaitGuestShown(Xvfb x, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (x.windowTree().contains("\"" + name + " (")) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("virt-viewer never showed " + name);
    }

    /** The launcher script users run today: `virsh domstate` every 2 s until the VM runs. */
    private static final class Poller {
        private final Thread thread;
        private volatile long runningAt;

        private Poller(String name) {
            thread = new Thread(() -> {
                while (runningAt == 0) {
                    long tick = System.nanoTime();
                    String state = ExternalProcess.run(Duration.ofSeconds(10), "/usr/bin/virsh", "-c", "qemu:///system",
                            "domstate", name).stdout().strip();
                    if (state.equals("running")) {
                        runningAt = System.nanoTime();
                        return;
                    }
                    long sleep = POLL_INTERVAL_MS - (System.nanoTime() - tick) / 1_000_000;
                    try {
                        Thread.sleep(Math.max(0, sleep));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "virsh-poller");
            thread.setDaemon(true);
        }

        static Poller start(String name) {
            Poller p = new Poller(name);
            p.thread.start();
            return p;
        }

        long awaitRunning() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (runningAt == 0) {
                throw new IllegalStateException("the virsh poller never saw the VM running");
            }
            return runningAt;
        }
    }

    private StartLatencyBench() {
    }
}
