// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.core.sizing.InvalidResolutionException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every lg-admin command shares: its output streams, the host and resolution parsing. Commands open their
 * backend with {@link Backends#open}: no signature here may name a backend type (see {@link Backends}).
 */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    AdminMain main;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A resolution or "auto"; what auto chose is printed so the user sees it. */
    MonitorModes.Chosen resolution(String text) throws AdminException {
        try {
            MonitorModes.Chosen chosen = MonitorModes.parse(text, main.host().path("sys/class/drm"));
            chosen.explanation().ifPresent(out()::println);
            return chosen;
        } catch (InvalidResolutionException e) {
            throw new AdminException(e.getMessage(), AdminException.USAGE);
        }
    }

    static void printNotes(PrintWriter out, Iterable<String> notes) {
        for (String note : notes) {
            out.println(note);
        }
    }
}
