// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.DaemonBackend;
import io.github.lgmanager.admin.backend.DirectBackend;
import io.github.lgmanager.admin.backend.ProgressBackend;
import io.github.lgmanager.admin.output.Progress;
import io.github.lgmanager.admin.backend.VmBackend;
import java.util.Optional;

/**
 * Opens the backend the global options ask for: libvirt at --connect, else lg-daemon on --bus. It is a class of its
 * own, not a method of a command, because picocli reads every method and field signature of the commands it is
 * given: a backend type there would load it, and with it libvirt, JNA or D-Bus, even for {@code lg-admin size}.
 */
final class Backends {
    private Backends() {
    }

    /** The backend, saying on stderr what it waits for when a call takes over a second. */
    static VmBackend open(AdminMain main) throws AdminException {
        return open(main, true);
    }

    /** {@code progress} false for output a program reads whole (--json): nothing is added, even on stderr. */
    static VmBackend open(AdminMain main, boolean progress) throws AdminException {
        main.configureLogging();
        boolean direct = main.connect != null;
        if (!progress) {
            return connect(main);
        }
        VmBackend backend;
        try (Progress ignored = Progress.start(main.err(), main.terminal(),
                direct ? "libvirt at " + main.connect : "lg-daemon to answer")) {
            backend = connect(main);
        }
        return new ProgressBackend(backend, main.err(), main.terminal(), direct);
    }

    /**
     * For doctor when lg-daemon is down: root still gets the VMs checked, libvirt read directly as --connect does.
     * Read-only like every doctor run (DirectBackend's reads never define or grant). Anyone else could not read
     * libvirt's system instance anyway, and gets the daemon's failure alone.
     */
    static Optional<VmBackend> libvirtAsRoot(AdminMain main, String uri) {
        if (!main.host().userName().equals("root")) {
            return Optional.empty();
        }
        try {
            return Optional.of(DirectBackend.connect(uri, main.host().invokingUser()));
        } catch (AdminException e) {
            return Optional.empty(); // doctor's libvirt check then says libvirt is not reached either
        }
    }

    private static VmBackend connect(AdminMain main) throws AdminException {
        return main.connect != null ? DirectBackend.connect(main.connect, main.host().invokingUser())
                : DaemonBackend.connect(main.bus, main.mayAskPassword());
    }
}
