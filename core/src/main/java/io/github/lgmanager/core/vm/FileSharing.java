// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.settings.ShmNames;
import java.util.List;
import java.util.Optional;

/** Two Looking Glass VMs on one file would show each VM's screen to the other's users: the sentence that says so. */
public final class FileSharing {
    private FileSharing() {
    }

    /** Empty when {@code others} (the names of other enabled VMs on this path) is empty. */
    public static Optional<String> problem(String vmName, String path, List<String> others) {
        if (others.isEmpty()) {
            return Optional.empty();
        }
        String fix = path.startsWith("/dev/kvmfr")
                ? "give one of them another kvmfr device: lg-admin enable " + vmName + " --kvmfr=/dev/kvmfrN"
                : "give it a file of its own: lg-admin enable " + vmName + " --shm-name " + ShmNames.defaultFor(vmName);
        return Optional.of(path + " is also used by VM " + String.join(", ", others.stream().map(n -> "'" + n + "'").toList())
                + ", so each VM's users could see the other's screen; access is not granted until they differ; " + fix);
    }
}
