// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes lg-admin's bash completion from its picocli model (scripts/lg-admin-completion). picocli's own
 * AutoComplete main cannot: it reads the commands from the annotation, and lg-admin adds them in code
 * ({@link AdminMain#commandLine(AdminMain)}).
 */
public final class BashCompletion {
    private BashCompletion() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BashCompletion FILE");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), AutoComplete.bash("lg-admin", AdminMain.commandLine(new AdminMain())));
    }
}
