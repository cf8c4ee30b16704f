// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a user can do from a menu or dialog; each runs in the background and reports its outcome as a notification.
 * {@code vm} is the VM's UUID.
 */
public interface TrayActions {
    void openDisplay(String vm);

    void setAutoOpen(String vm, boolean on);

    /** Switches the Looking Glass display on or off (Enable/Disable). */
    void setDisplay(String vm, boolean on);

    void start(String vm);

    void shutdown(String vm);

    /**
     * The Settings dialog's result: applied one call at a time, stopping at the first refusal.
     *
     * @return completes with empty once saved, or with the reason it was not, in words for the dialog
     */
    CompletableFuture<Optional<String>> applySettings(String vm, int width, int height, boolean hdr,
            List<String> clientOptions, List<String> users);

    /** Shared-memory size for the dialog's live display; -1 when the daemon cannot say. */
    int computeShmSize(int width, int height, boolean hdr, String formula);

    void quit();
}
