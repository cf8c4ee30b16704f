// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.List;
import java.util.Optional;

/**
 * What Enable asks for: a {@link SettingsChange} (every empty value keeps what the VM has or kept when disabled, the
 * default only on first enable) and what only enable chooses. {@code initialUsers} are the users of a VM that never
 * had our settings when the change names none (lg-admin sends the invoking user). The extras each change the guest,
 * so each is asked for separately.
 */
public record EnableRequest(SettingsChange settings, Optional<String> mode, Optional<String> kvmfrDevice,
        Optional<String> shmName, Optional<List<String>> initialUsers, boolean live, boolean withSpice,
        boolean withVirtioInput, boolean withClipboard, boolean noMemballoon, boolean withVga) {

    public static final EnableRequest KEEP_ALL = new EnableRequest(SettingsChange.NONE, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), false, false, false, false, false, false);

    public static EnableRequest of(int width, int height, boolean hdr) {
        return KEEP_ALL.withSettings(SettingsChange.NONE.withResolution(width, height, Optional.of(hdr)));
    }

    public EnableRequest withSettings(SettingsChange value) {
        return new EnableRequest(value, mode, kvmfrDevice, shmName, initialUsers, live, withSpice, withVirtioInput,
                withClipboard, noMemballoon, withVga);
    }

    public EnableRequest withShmName(Optional<String> value) {
        return new EnableRequest(settings, mode, kvmfrDevice, value, initialUsers, live, withSpice, withVirtioInput,
                withClipboard, noMemballoon, withVga);
    }

    public EnableRequest withLive(boolean value) {
        return new EnableRequest(settings, mode, kvmfrDevice, shmName, initialUsers, value, withSpice, withVirtioInput,
                withClipboard, noMemballoon, withVga);
    }
}
