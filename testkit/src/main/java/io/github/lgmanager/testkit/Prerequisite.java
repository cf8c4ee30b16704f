// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that what a test tier stands on is present. A missing prerequisite fails the test with the way
 * out; it never turns into a skip, because a skipped tier looks green while testing nothing.
 */
public final class Prerequisite {
    private Prerequisite() {
    }

    /** Fails unless {@code program} is an executable file; names the Debian package that provides it. */
    public static Path program(String program, String debianPackage) {
        Path path = Path.of(program);
        if (!Files.isExecutable(path)) {
            throw new AssertionError("missing prerequisite " + program + ": install the Debian package '"
                    + debianPackage + "' (scripts/test installs it)");
        }
        return path;
    }

    /** Fails unless the tests run as root, which the end-to-end tier needs (libvirtd, useradd, /dev/shm). */
    public static void root() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("the end-to-end tier runs as root (it talks to qemu:///system and adds a test user);"
                    + " run scripts/test as root, or leave the tier out with -Dskip.e2e=true");
        }
    }
}
