// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file's access ACL from {@code getfacl}, for when doctor cannot open the file to read the ACL's xattr itself
 * (the ACL is readable by anyone who can look up the name; the file is not). Numeric ids ({@code -n}), so what
 * is parsed is unambiguous and names are looked up the same way as for the xattr.
 */
final class Getfacl {
    private static final long TIMEOUT_S = 3;
    private static final int MAX_OUTPUT = 64 * 1024;

    private Getfacl() {
    }

    /** One entry with its id still a number ("" for the entries that name nobody). */
    record NumericEntry(String tag, String id, int permissions) {
    }

    /** The entries, or (when empty) why there are none, getfacl's own words included. */
    record Outcome(List<NumericEntry> entries, String problem) {
        static Outcome failed(String problem) {
            return new Outcome(List.of(), problem);
        }
    }

    /**
     * Runs {@code PROGRAM -n -p -P -- FILE} (-P: a symbolic link put there since doctor looked is not followed;
     * getfacl then prints nothing) with a timeout and stdin closed.
     */
    static Outcome read(Path program, Path file) {
        if (!Files.isExecutable(program)) {
            return Outcome.failed(program + " is not installed (package acl)");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(program.toString(), "-n", "-p", "-P", "--", file.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
                if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Outcome.failed(program + " did not answer within " + TIMEOUT_S + " s");
                }
                String text = new String(out.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
                String error = new String(err.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8).strip();
                if (process.exitValue() != 0) {
                    return Outcome.failed(error.isEmpty() ? program + " exited with " + process.exitValue()
                            : error.lines().findFirst().orElse(error));
                }
                List<NumericEntry> entries = parse(text);
                return entries.isEmpty() ? Outcome.failed(program + " printed no ACL for " + file
                        + " (not a regular file or device any more?)") : new Outcome(entries, "");
            }
        } catch (IOException e) {
            return Outcome.failed("cannot run " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted while " + program + " ran");
        }
    }

    /**
     * The access entries of getfacl's output: header comments, default entries (folders) and the
     * {@code #effective:} remarks are skipped; a line that is none of these makes the whole output unusable.
     */
    static List<NumericEntry> parse(String output) {
        List<NumericEntry> entries = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("default:")) {
                continue;
            }
            int remark = line.indexOf('#');
            if (remark >= 0) {
                line = line.substring(0, remark).strip();
            }
            String[] f = line.split(":", -1);
            if (f.length != 3 || !List.of("user", "group", "mask", "other").contains(f[0])
                    || !f[2].matches("[r-][w-][xX-]") || !f[1].matches("\\d*")
                    || !f[1].isEmpty() && (f[0].equals("mask") || f[0].equals("other"))) {
                return List.of();
            }
            int permissions = (f[2].charAt(0) == 'r' ? 4 : 0) | (f[2].charAt(1) == 'w' ? 2 : 0)
                    | (f[2].charAt(2) != '-' ? 1 : 0);
            entries.add(new NumericEntry(f[0], f[1], permissions));
        }
        return entries;
    }
}
