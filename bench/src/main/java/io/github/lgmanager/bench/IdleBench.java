// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.testkit.TestGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.types.Variant;
import org.libvirt.Domain;

/** Figure 4: 60 idle seconds with 3 VMs defined and one (Looking Glass) running: RSS and CPU per process. */
final class IdleBench {
    static final int IDLE_SECONDS = 60;

    record Cost(String process, long rssKiB, double cpuSeconds) {
    }

    /** The costs, and where lg-daemon's resident memory is at the end of the window. */
    record Result(List<Cost> costs, Map<String, Long> daemonMemoryKiB) {
    }

    static Result run(Stack stack, Map<String, Long> extraProcesses) throws Exception {
        List<Domain> domains = new ArrayList<>();
        String base = "lgmt-idle-" + ProcessHandle.current().pid();
        Path shm = Path.of("/dev/shm", base + "-0-lg");
        try {
            for (int i = 0; i < 3; i++) {
                domains.add(stack.libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(base + "-" + i)));
            }
            var path = stack.awaitVm(base + "-0");
            Vm vm = stack.bus.getRemoteObject(BusNames.SERVICE, path.getPath(), Vm.class);
            vm.Enable(Map.of(
                    "users", new Variant<>(List.of(stack.user.name()), "as"), "shm_name", new Variant<>(base + "-0-lg")));
            var ready = new java.util.concurrent.CountDownLatch(1);
            AutoCloseable h = stack.bus.addSigHandler(Manager.DisplayReady.class, s -> {
                if (s.getVm().equals(path)) {
                    ready.countDown();
                }
            });
            domains.get(0).create();
            ready.await(60, TimeUnit.SECONDS);
            h.close();
            Thread.sleep(5000); // let start-up work (JIT, GC) settle before the idle window

            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("lg-daemon", stack.daemon.pid());
            stack.libvirtDbusPid().ifPresent(pid -> pids.put("libvirt-dbus", pid));
            pids.putAll(extraProcesses);
            Map<String, ProcessCost> before = new LinkedHashMap<>();
            for (var e : pids.entrySet()) {
                before.put(e.getKey(), ProcessCost.of(e.getValue()));
            }
            Bench.progress("  idle for " + IDLE_SECONDS + " s with 3 VMs defined, 1 running: " + pids.keySet());
            Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
            List<Cost> costs = new ArrayList<>();
            for (var e : pids.entrySet()) {
                ProcessCost after = ProcessCost.of(e.getValue());
                costs.add(new Cost(e.getKey(), after.rssKiB(), after.cpuSeconds() - before.get(e.getKey()).cpuSeconds()));
            }
            return new Result(costs, MemoryMap.of(stack.daemon.pid()));
        } finally {
            for (Domain d : domains) {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
            }
            Files.deleteIfExists(shm);
        }
    }

    private IdleBench() {
    }
}
