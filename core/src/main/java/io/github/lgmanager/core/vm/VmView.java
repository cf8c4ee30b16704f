// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.List;

/**
 * An immutable snapshot of one VM as the daemon publishes it (the Vm object's properties). A disabled VM shows the
 * settings kept for its next enable.
 */
public record VmView(String uuid, String name, boolean running, boolean enabled, String mode, String shmPath,
        long shmSizeMiB, long requiredSizeMiB, int width, int height, boolean hdr, String formula,
        List<String> users, List<String> autoOpenUsers, List<String> clientOptions, String spiceHost, int spicePort,
        boolean aclApplied, String lastError, boolean pendingRestart) {

    public VmView {
        users = List.copyOf(users);
        autoOpenUsers = List.copyOf(autoOpenUsers);
        clientOptions = List.copyOf(clientOptions);
    }
}
