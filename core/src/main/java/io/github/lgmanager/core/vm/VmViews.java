// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.core.xml.SpiceEndpoint;
import java.util.Optional;

/** How what is known of a VM becomes the snapshot everyone shows (the D-Bus Vm properties, lg-admin's tables). */
public final class VmViews {
    private static final long MIB = 1024L * 1024L;

    private VmViews() {
    }

    /**
     * @param device the managed device of the persistent definition
     * @param liveDevice the one the running QEMU has (empty when stopped or not known)
     */
    public static VmView of(String uuid, String name, boolean running, Optional<LookingGlassSettings> settings,
            Optional<SharedMemoryDevice> device, Optional<SharedMemoryDevice> liveDevice, Optional<SpiceEndpoint> spice,
            boolean aclApplied, String lastError) {
        boolean enabled = settings.map(LookingGlassSettings::enabled).orElse(false);
        LookingGlassSettings s = settings.orElse(LookingGlassSettings.defaultsFor(name));
        SharedMemoryDevice shown = liveDevice.or(() -> device).orElse(null);
        String shmPath = shown != null ? shown.path() : s.shmPath();
        long shmMiB = device.map(d -> Math.max(0, d.sizeBytes()) / MIB).orElse(0L);
        // Definition changed under a running VM: its next boot differs from what runs now.
        boolean pendingRestart = running && enabled && !liveDevice.equals(device);
        String spiceHost = spice.map(e -> e.isUnixSocket() ? e.unixSocket() : e.host()).orElse("");
        int spicePort = spice.map(e -> e.isUnixSocket() ? 0 : e.port()).orElse(0);
        return new VmView(uuid, name, running, enabled, s.mode().kind().id(), shmPath, shmMiB,
                settings.isPresent() ? s.sizeMiB() : 0, s.resolution().width(), s.resolution().height(), s.hdr(),
                s.formula().id(), s.users(), s.autoOpenUsers(), s.clientOptions().stream().map(ClientOption::argument).toList(),
                spiceHost, spicePort, aclApplied, lastError, pendingRestart);
    }
}
