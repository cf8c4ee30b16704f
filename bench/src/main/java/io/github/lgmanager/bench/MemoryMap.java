// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a process's resident memory is: /proc/PID/smaps summed by what each mapping holds, in KiB. */
final class MemoryMap {
    static final String ANONYMOUS = "anonymous: Java heap, metaspace, JIT code, thread stacks, malloc";
    static final String LIBJVM = "libjvm.so, the JVM's own code";
    static final String CDS = "the class-data sharing archive (lg-daemon's own, or the JDK's classes.jsa)";
    static final String MODULES = "lib/modules, the JDK's class image";
    static final String LIBRARIES = "other shared libraries (libvirt and its TLS/XML/GLib dependencies, libc, JNA)";
    static final String OTHER = "other files (jars, locale data)";

    private MemoryMap() {
    }

    static Map<String, Long> of(long pid) throws IOException {
        Map<String, Long> kib = new LinkedHashMap<>();
        for (String k : new String[] {ANONYMOUS, LIBJVM, CDS, MODULES, LIBRARIES, OTHER}) {
            kib.put(k, 0L);
        }
        String group = ANONYMOUS;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                group = groupOf(f.length >= 6 ? f[5] : "");
            } else if (f[0].equals("Rss:")) {
                kib.merge(group, Long.parseLong(f[1]), Long::sum);
            }
        }
        return kib;
    }

    private static String groupOf(String path) {
        if (path.isEmpty() || path.startsWith("[")) {
            return ANONYMOUS;
        }
        if (path.endsWith("/libjvm.so")) {
            return LIBJVM;
        }
        if (path.endsWith(".jsa")) {
            return CDS;
        }
        if (path.endsWith("/lib/modules")) {
            return MODULES;
        }
        return path.contains(".so") ? LIBRARIES : OTHER;
    }
}
