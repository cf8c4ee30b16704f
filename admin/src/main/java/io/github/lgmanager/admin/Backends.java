// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.DaemonBackend;
import io.github.lgmanager.admin.backend.DirectBackend;
import io.github.lgmanager.admin.backend.VmBackend;

/**
 * Opens the backend the global options ask for: libvirt at --connect, else lg-daemon on --bus. It is a class of its
 * own, not a method of a command, because picocli reads every method and field signature of the commands it is
 * given: a backend type there would load it, and with it libvirt, JNA or D-Bus, even for {@code lg-admin size}.
 */
final class Backends {
    private Backends() {
    }

    static VmBackend open(AdminMain main) throws AdminException {
        main.configureLogging();
        return main.connect != null ? DirectBackend.connect(main.connect, main.host().invokingUser()) : DaemonBackend.connect(main.bus);
    }
}
