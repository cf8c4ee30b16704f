// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.Installation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks about the machine and the way to lg-daemon and libvirt; pure functions over {@link HostFacts}. */
public final class HostChecks {
    static final String START_DAEMON = "start lg-daemon (" + Installation.current().startDaemon() + ") and check its"
            + " log (journalctl -u lg-daemon)";

    private HostChecks() {
    }

    public static List<Check> all(HostFacts h) {
        return List.of(daemon(h), libvirt(h), client(h), protectedLinks(h));
    }

    public static Check daemon(HostFacts h) {
        if (h.direct()) {
            return Check.pass("daemon", "not asked: --connect talks to libvirt directly (run doctor without"
                    + " --connect to check lg-daemon too)");
        }
        if (!h.backendProblem().isEmpty()) {
            return Check.fail("daemon", h.backendProblem(), START_DAEMON);
        }
        return Check.pass("daemon", "lg-daemon answers (" + h.backend() + ")");
    }

    /** lg-daemon is down and doctor, as root, read libvirt itself: one line saying so, the VMs' checks follow. */
    public static Check libvirtWithoutDaemon(String uri) {
        return Check.pass("libvirt", "lg-daemon is down, so the VMs below were read from libvirt at " + uri
                + " directly (read-only, as root)");
    }

    public static Check libvirt(HostFacts h) {
        if (!h.direct() && !h.backendProblem().isEmpty()) {
            return Check.warn("libvirt", "not checked: lg-daemon is unreachable", START_DAEMON);
        }
        if (h.direct() && !h.backendProblem().isEmpty()) {
            return Check.fail("libvirt", h.backendProblem(), "start libvirtd (systemctl start libvirtd) and check"
                    + " the URI with virsh -c URI list");
        }
        if (!h.libvirtProblem().isEmpty()) {
            return Check.fail("libvirt", h.libvirtProblem(), "start libvirtd (systemctl start libvirtd); lg-daemon"
                    + " reconnects by itself");
        }
        return Check.pass("libvirt", "libvirt answers (" + h.backend() + ")");
    }

    public static Check client(HostFacts h) {
        if (h.clientPath().isEmpty()) {
            return Check.warn("client", "looking-glass-client is not on PATH",
                    "install looking-glass-client (the same release as the Windows host application) on the desktop"
                            + " that shows the VM");
        }
        Optional<String> version = h.clientVersion();
        if (version.isEmpty()) {
            return Check.warn("client", "cannot tell the release of looking-glass-client at " + h.clientPath().get()
                    + " (doctor reads it from the program file and never runs it)",
                    "start it once and read its first log line, \"Looking Glass (B7)\" for example; it must match the"
                            + " host application's release");
        }
        return Check.pass("client", "looking-glass-client " + version.get() + " at " + h.clientPath().get());
    }

    /**
     * Without fs.protected_symlinks a process follows a symbolic link in a sticky, world-writable folder such as
     * /dev/shm even when someone else planted it; without fs.protected_hardlinks any user can hard-link a file they
     * do not own there. lg-daemon opens its files without following links and counts links, but QEMU and other
     * tools opening /dev/shm/NAME do not.
     */
    public static Check protectedLinks(HostFacts h) {
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (var sysctl : List.of(Map.entry("fs.protected_symlinks", h.protectedSymlinks()),
                Map.entry("fs.protected_hardlinks", h.protectedHardlinks()))) {
            if (sysctl.getValue().isEmpty()) {
                unknown.add(sysctl.getKey());
            } else if (sysctl.getValue().getAsInt() == 0) {
                off.add(sysctl.getKey());
            }
        }
        if (!off.isEmpty()) {
            String settings = String.join(" ", off.stream().map(s -> s + "=1").toList());
            return Check.warn("protected links", String.join(" and ", off.stream().map(s -> s + "=0").toList())
                    + ": the kernel lets a link another local user plants in /dev/shm redirect QEMU and root to a"
                            + " different file",
                    "sysctl -w " + settings + " && printf '%s\\n' " + String.join(" ", off.stream()
                            .map(s -> "'" + s + " = 1'").toList()) + " > /etc/sysctl.d/50-protected-links.conf");
        }
        if (!unknown.isEmpty()) {
            return Check.warn("protected links", "cannot read " + String.join(" or ", unknown),
                    "sysctl " + String.join(" ", unknown) + " (expect 1)");
        }
        return Check.pass("protected links", "fs.protected_symlinks=" + h.protectedSymlinks().getAsInt()
                + ", fs.protected_hardlinks=" + h.protectedHardlinks().getAsInt());
    }
}
