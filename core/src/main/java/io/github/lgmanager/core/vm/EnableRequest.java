// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.List;
import java.util.Optional;

/**
 * What Enable asks for. Empty optionals keep the VM's current setting (or the default on first enable).
 * The extras each change the guest, so each is asked for separately.
 */
public record EnableRequest(int width, int height, boolean hdr, Optional<String> formula, Optional<String> mode,
        Optional<String> kvmfrDevice, Optional<String> shmName, Optional<List<String>> users,
        Optional<Boolean> autoOpen, Optional<List<String>> clientOptions, boolean live, boolean withSpice,
        boolean withVirtioInput, boolean withClipboard, boolean noMemballoon, boolean withVga) {

    public static EnableRequest of(int width, int height, boolean hdr) {
        return new EnableRequest(width, height, hdr, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false, false, false,
                false, false);
    }
}
