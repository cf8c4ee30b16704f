// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the start-path profile says, in words: written from this run's figures, plus what earlier profiles led
 * us to change (their before/after figures are from the runs that measured each change, as stated).
 */
final class ProfileNotes {
    /** Steps that are lg-daemon's own work, as opposed to libvirtd's call and the bus's delivery. */
    private static final List<String> OWN_WORK = List.of("queued to the supervisor thread", "live XML parsed",
            "/dev/shm file verified, ACL written and read back", "PropertiesChanged built and sent",
            "DisplayReady built and sent");
    private static final String LIBVIRT_CALL = "live XML read (one libvirt call)";

    private ProfileNotes() {
    }

    static String startPath(StartLatencyBench.Result busy, StartLatencyBench.Result quiet) {
        Map<String, Stats> steps = busy.daemonSteps();
        double ownMedian = OWN_WORK.stream().mapToDouble(s -> steps.get(s).median()).sum();
        double ownQuiet = OWN_WORK.stream().mapToDouble(s -> quiet.daemonSteps().get(s).median()).sum();
        List<Map.Entry<String, Stats>> worst = steps.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Stats> e) -> e.getValue().percentile(95)).reversed())
                .limit(3).toList();
        StringBuilder text = new StringBuilder("### What the profile shows\n\n");
        text.append(Report.f("""
                - lg-daemon's own work (the queue, parsing, the ACL, both signals) adds up to a median of %.1f ms
                  (%.1f ms with nothing beside). libvirtd's answer to the one call we make takes a median of
                  %.1f ms, p95 %.1f ms: that call is the only source of the SPICE port libvirt chose and of the user
                  QEMU runs as, so it stays on the path.
                - The largest steps at p95 are: %s. Every step's p95 is several times its median: on 2 cores with
                  a TCG guest booting, libvirtd, virt-viewer and the bus clients, any step can wait for a core.
                  Without virt-viewer and the poller beside us the p95 drops from %.1f to %.1f ms.
                """, ownMedian, ownQuiet, steps.get(LIBVIRT_CALL).median(), steps.get(LIBVIRT_CALL).percentile(95),
                String.join("; ", worst.stream().map(e -> Report.f("%s (%.1f ms)", e.getKey(),
                        e.getValue().percentile(95))).toList()),
                busy.oursMs().percentile(95), quiet.oursMs().percentile(95)));
        text.append("""

                ### What the profile led us to change

                The first profile (20 starts, alternatives beside, 23 Nov 2026) had DisplayReady at median 22.5 ms,
                p95 39.5 ms, and the viewer 17.7 / 26.0 ms after it. What it showed, and what we did:

                1. **A queue behind RESUMED.** QEMU reports RESUMED just before STARTED on every boot; the daemon
                   asked libvirt about it (two calls) and published it, so STARTED waited: "queued to the
                   supervisor thread" was 4.2 ms at the median. Pause and resume leave a VM active, so they now
                   cost no call; and events go straight from libvirt's thread to the supervisor's queue instead of
                   through a second thread (the step now: the table above).
                2. **A new XML parser per document.** The well-formedness check made a SAX factory (a service
                   lookup) and a parser for every document: about 1 ms, more than the parse. Each thread now
                   reuses one parser (reset between documents, with its secure settings); "live XML parsed" was
                   2.4 ms at the median (now: the table above).
                3. **The first start paid for loading the ACL code** (29 ms in the first start's ACL step). The
                   daemon now checks at start-up, through the same system calls and without changing anything,
                   that it can read /dev/shm's status and ACL and look up a user; that also loads the code.
                4. **lg-tray asked the daemon again for every signal.** It read all properties (a D-Bus round trip)
                   on each PropertiesChanged and again on DisplayReady; the DisplayReady waited behind the first.
                   It now applies the values PropertiesChanged carries (the daemon sends every change, before the
                   DisplayReady it belongs to); a forged PropertiesChanged is ignored like a forged DisplayReady.
                5. **The stand-in viewer ran `date`** to stamp its start, adding a fork and exec to figure 2; it
                   now uses bash's builtin clock.

                Tried and not kept: raising lg-daemon's priority (nice −10 on every thread). Over 20 starts the
                median was 14.2 ms and p95 28.7 ms, no better: the waiting moved to libvirtd's answer and to the
                bus clients, which then had less of the two cores.

                ### What would meet the 10 ms target

                Our part of the path is a few milliseconds; what remains is waiting for a core and for libvirtd.
                On this 2-core machine that could only be met by taking the libvirt call off the path: for a VM
                whose SPICE endpoint is fixed in its definition (a UNIX socket or a fixed port) and whose QEMU user
                is known from an earlier start, the grant could be done from the definition and checked against the
                live XML afterwards. That is a second code path through a security check, so we have not built it.
                """);
        return text.toString();
    }
    static String idleMemory(Map<String, Long> kib) {
        double jvmFiles = (kib.get(MemoryMap.LIBJVM) + kib.get(MemoryMap.CDS) + kib.get(MemoryMap.MODULES)) / 1024.0;
        return Report.f("""
                ### What the memory profile shows

                - %.1f MiB are the JVM's own files (its code, the class-data archive and the JDK's class image) and
                  %.1f MiB other shared libraries, libvirt's among them: together a floor no JVM option moves
                  much. %.1f MiB are anonymous memory.
                - The anonymous part, by the JVM's Native Memory Tracking in an experiment (lg-daemon on libvirt's
                  test driver, 40 VM starts through its D-Bus API, then 20 s idle, 23 Nov 2026, launcher options
                  of that day): Java heap 8.0 MiB committed, metaspace 6.1, class space 1.5, JIT code 4.0,
                  symbols 2.2, thread stacks 2.2 (25 threads: libvirt's event loop, dbus-java's pools, ours).

                The same experiment, VmRSS after the 40 starts, two runs each:

                | options | VmRSS MiB |
                |---|---|
                | the launcher's options before this profile | 71.8, 72.1 |
                | + `-Xms4m -Xmn1m -XX:TrimNativeHeapInterval=5000 -XX:CompileThresholdScaling=10` | 66.8, 67.0 |
                | the same + `-Xshare:off` | 64.0, 64.5 |
                | the same, with a static AppCDS archive made for lg-daemon instead of the JDK's | 63.5, 63.9 |
                | that + `-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20` | 63.0, 63.1 |
                | the static archive, the trimming and the small heap, with `-Xint` instead of C1 | 61.2, 61.4 |

                `MALLOC_ARENA_MAX=1` or `2` made no difference (67.3 to 68.6 MiB idle). Not shipped:
                `CompileThresholdScaling` and `-Xint`, which keep the start → DisplayReady path interpreted
                (slower, figure 1).

                ### What lg-daemon ships with

                The heap options and the trimming (`-Xms4m -Xmn2m`, free ratios 10/20, a trim every 5 s), and a
                class-data archive made for lg-daemon in place of the JDK's: it holds the classes lg-daemon
                loads (`daemon/src/main/cds/lg-daemon.classlist`, recorded by `scripts/make-cds-classlist`), so
                they are neither parsed at start-up nor kept twice. The JVM accepts such an archive only with the
                JDK and the jar path it was made with, so it is made where the daemon runs: by `bin/lg-daemon`
                after each build, by `scripts/install`, and by the package's postinst (again with
                `dpkg-reconfigure lg-manager` after a JDK upgrade; until then the JVM ignores the stale archive).
                `scripts/package-test` checks that the installed daemon maps it. The table at the top of this
                section is this run, with all of it.
                """, jvmFiles, kib.get(MemoryMap.LIBRARIES) / 1024.0, kib.get(MemoryMap.ANONYMOUS) / 1024.0);
    }
}
