// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

/** Progress lines on stderr, so a long benchmark run shows where it is. */
final class Bench {
    /** The JVM option that makes lg-daemon and lg-tray print the trace marks the profiles are made of. */
    static final String TRACE_OPTION = "-Dlgmanager.trace=true";

    private Bench() {
    }

    static void progress(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
