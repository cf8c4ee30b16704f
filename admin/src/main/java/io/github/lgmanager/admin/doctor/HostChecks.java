package io.github.lgmanager.admin.doctor;

import java.util.List;
import java.util.Optional;

/** Checks about the machine and the way to lg-daemon and libvirt; pure functions over {@link HostFacts}. */
public final class HostChecks {
    static final String START_DAEMON = "start lg-daemon (systemctl start lg-daemon, or bin/lg-daemon as root) and"
            + " check its log (journalctl -u lg-daemon)";

    private HostChecks() {
    }

    public static List<Check> all(HostFacts h) {
        return List.of(daemon(h), libvirt(h), client(h));
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
            return Check.warn("client", "looking-glass-client at " + h.clientPath().get() + " did not say its version",
                    "run " + h.clientPath().get() + " --version and check it matches the host application");
        }
        return Check.pass("client", "looking-glass-client " + version.get() + " at " + h.clientPath().get());
    }
}
