// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs lg-admin in this process, as main would, with output captured. */
public final class Cli {
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }

        /** stderr without the progress lines a slow step adds (ProgressTest covers those), for exact comparisons. */
        public String problems() {
            return err.lines().filter(line -> !line.startsWith("lg-admin: waiting for"))
                    .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        }
    }

    private Cli() {
    }

    public static Run run(String... args) {
        return run(new Host(Map.of("PATH", "/usr/bin:/bin"), "root", Path.of("/")), args);
    }

    public static Run run(Host host, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminMain.execute(new AdminMain(host, false), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
