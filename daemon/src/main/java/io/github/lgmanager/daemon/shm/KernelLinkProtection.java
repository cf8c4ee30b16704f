// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's fs.protected_symlinks and fs.protected_hardlinks. {@link SharedMemoryGuard} does not depend on
 * them (it opens without following links and checks what it opened), but with them off any local user can plant
 * links in /dev/shm that trip up other programs, QEMU and the viewer among them: worth one warning at start-up.
 * Debian and most distributions turn both on; 0 means someone turned them off.
 */
public final class KernelLinkProtection {

    private static final Path SYSCTL_FS = Path.of("/proc/sys/fs");

    private KernelLinkProtection() {
    }

    /** The warning for this machine, or empty if both are on or cannot be read (a container, say). Never throws. */
    public static Optional<String> check() {
        return check(SYSCTL_FS);
    }

    static Optional<String> check(Path sysctlFs) {
        return warning(read(sysctlFs.resolve("protected_symlinks")), read(sysctlFs.resolve("protected_hardlinks")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * One line naming the protections that are off and how to turn them on, from the two files' contents (null when
     * unreadable); empty if none is known to be off.
     */
    static Optional<String> warning(String symlinks, String hardlinks) {
        List<String> off = new ArrayList<>();
        List<String> effects = new ArrayList<>();
        if (isOff(symlinks)) {
            off.add("fs.protected_symlinks");
            effects.add("the kernel follows symlinks in sticky world-writable directories such as /dev/shm whoever owns"
                    + " them");
        }
        if (isOff(hardlinks)) {
            off.add("fs.protected_hardlinks");
            effects.add("anyone may hard-link files they do not own, into /dev/shm too");
        }
        if (off.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(" and ", off);
        return Optional.of(names + (off.size() == 1 ? " is 0: " : " are 0: ") + String.join(", and ", effects)
                + ". lg-daemon's own file checks do not rely on this, but it closes whole classes of /dev/shm attacks:"
                + " run sysctl -w " + String.join(" ", off.stream().map(n -> n + "=1").toList())
                + " and keep it across reboots with /etc/sysctl.d/99-protect-links.conf containing "
                + String.join(" and ", off.stream().map(n -> "'" + n + " = 1'").toList())
                + " (and remove what sets " + (off.size() == 1 ? "it" : "them") + " to 0)");
    }

    /** The sysctl prints a number and a newline; anything else is not known to be off. */
    private static boolean isOff(String content) {
        return content != null && content.strip().equals("0");
    }
}
