// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.Daemon;
import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.PrivateDbusDaemon;
import io.github.lgmanager.testkit.TableAuthorizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Figure 5, on libvirt's test driver: (a) the shipped launcher's start-up to "bus name taken", which the daemon
 * does only after a full reconcile, with 500 defined VMs (a tenth with Looking Glass); (b) a burst of 1,000
 * lifecycle events: every resulting signal delivered, in order per VM, and the throughput.
 */
final class ScaleBench {
    static final int VMS = 500;
    static final int STARTUP_RUNS = 5;

    record Result(Stats startupMs, int burstEvents, int delivered, boolean inOrder, double eventsPerSecond) {
    }

    static Result run(Path repo, Path work) throws Exception {
        Stats startup = startup(repo, nodeFile(work));
        Burst burst = burst();
        return new Result(startup, burst.events, burst.delivered, burst.inOrder, burst.perSecond);
    }

    /** A test-driver node file: VMS running domains, every tenth enabled by our own editor. */
    static Path nodeFile(Path work) throws Exception {
        StringBuilder node = new StringBuilder("<node>\n");
        LookingGlassSettings enabled = LookingGlassSettings.defaults().withUsers(List.of("root"));
        for (int i = 0; i < VMS; i++) {
            String xml = "<domain type='test'>\n  <name>bench-" + i + "</name>\n  <memory>131072</memory>\n"
                    + "  <os><type>hvm</type></os>\n  <devices>\n  </devices>\n</domain>\n";
            node.append(i % 10 == 0 ? DomainXmlEditor.enable(xml, enabled).xml() : xml);
        }
        Path file = work.resolve("bench-500.xml");
        Files.writeString(file, node.append("</node>\n"));
        return file;
    }

    private static Stats startup(Path repo, Path nodeFile) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < STARTUP_RUNS; run++) {
            try (PrivateDbusDaemon bus = PrivateDbusDaemon.start();
                 DBusConnection observer = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
                DBus dbus = observer.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
                long start = System.nanoTime();
                Process daemon = new ProcessBuilder(repo.resolve("bin/lg-daemon").toString(),
                        "--connect", "test://" + nodeFile, "--bus", bus.address())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    while (!dbus.NameHasOwner(BusNames.SERVICE)) {
                        if (!daemon.isAlive() || System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                            throw new IllegalStateException("lg-daemon did not take its name (alive: " + daemon.isAlive() + ")");
                        }
                        Thread.sleep(2);
                    }
                    ms.add((System.nanoTime() - start) / 1e6);
                    Bench.progress("  start-up with " + VMS + " VMs, run " + (run + 1) + "/" + STARTUP_RUNS + ": "
                            + Math.round(ms.get(ms.size() - 1)) + " ms");
                } finally {
                    daemon.destroy();
                    daemon.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        return Stats.of(ms);
    }

    private record Burst(int events, int delivered, boolean inOrder, double perSecond) {
    }

    /** In-process (the test driver lives in one process): start and stop 500 VMs, watch Running flip on the bus. */
    private static Burst burst() throws Exception {
        Connect libvirt = new Connect(InProcessDaemon.TEST_DRIVER);
        List<Domain> domains = new ArrayList<>();
        for (int i = 0; i < VMS; i++) {
            domains.add(libvirt.domainDefineXML("<domain type='test'><name>burst-" + i + "-" + ProcessHandle.current().pid()
                    + "</name><memory>131072</memory><os><type>hvm</type></os></domain>"));
        }
        try (InProcessDaemon daemon = InProcessDaemon.start(connection -> Daemon.started(InProcessDaemon.TEST_DRIVER, connection,
                new TableAuthorizer(), GuardedDisplayAccess.onThisMachine()))) {
            Map<String, List<Boolean>> running = new HashMap<>();
            AtomicInteger delivered = new AtomicInteger();
            daemon.client.addSigHandler(Properties.PropertiesChanged.class, s -> {
                Object value = s.getPropertiesChanged().containsKey("Running") ? s.getPropertiesChanged().get("Running").getValue() : null;
                if (value instanceof Boolean b) {
                    synchronized (running) {
                        running.computeIfAbsent(s.getPath(), k -> new ArrayList<>()).add(b);
                    }
                    delivered.incrementAndGet();
                }
            });
            int events = 2 * domains.size();
            long start = System.nanoTime();
            for (Domain d : domains) {
                d.create();
                d.destroy();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (delivered.get() < events && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean inOrder;
            synchronized (running) {
                inOrder = running.size() == domains.size()
                        && running.values().stream().allMatch(l -> l.equals(List.of(true, false)));
            }
            Bench.progress("  burst: " + delivered.get() + "/" + events + " signals in " + String.format("%.2f", seconds) + " s");
            return new Burst(events, delivered.get(), inOrder, delivered.get() / seconds);
        } finally {
            for (Domain d : domains) {
                d.undefine();
            }
            libvirt.close();
        }
    }

    private ScaleBench() {
    }
}
