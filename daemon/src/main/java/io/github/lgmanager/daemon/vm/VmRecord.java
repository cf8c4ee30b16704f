// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.vm.VmViews;
import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.core.xml.SpiceEndpoint;
import java.util.List;
import java.util.Optional;

/** The supervisor's mutable knowledge of one VM; only the supervisor thread touches it. */
final class VmRecord {
    final String uuid;
    String name;
    boolean running;
    /** Our settings from the VM's metadata; empty when the VM never had Looking Glass. */
    Optional<LookingGlassSettings> settings = Optional.empty();
    /** The managed device in the persistent definition. */
    Optional<SharedMemoryDevice> device = Optional.empty();
    /** The domain's static DAC label, when it sets QEMU's user itself (rare; qemu.conf's user otherwise). */
    Optional<String> staticDacLabel = Optional.empty();
    /** The SPICE socket in our folder that the definition listens on (lg-admin enable --with-spice). */
    Optional<String> spiceSocket = Optional.empty();
    /** The managed device the running QEMU actually has. */
    Optional<SharedMemoryDevice> liveDevice = Optional.empty();
    Optional<SpiceEndpoint> spice = Optional.empty();
    boolean aclApplied;
    /** What is wrong with the definition (unreadable, device removed or too small); cleared when it is fine. */
    String definitionError = "";
    /** Why the display of the current run cannot be used; cleared by success and when the VM stops. */
    String displayError = "";
    /** Why the file for the next start could not be made ready while the VM is stopped. */
    String fileError = "";

    VmRecord(String uuid, String name) {
        this.uuid = uuid;
        this.name = name;
    }

    /** The property LastError: the display's problem first, since it is what the user is looking at. */
    String lastError() {
        if (!displayError.isEmpty()) {
            return displayError;
        }
        return definitionError.isEmpty() ? fileError : definitionError;
    }

    boolean enabled() {
        return settings.map(LookingGlassSettings::enabled).orElse(false);
    }

    VmView view() {
        return VmViews.of(uuid, name, running, settings, device, liveDevice, spice, aclApplied, lastError());
    }

    /** The path of the shared memory this VM uses now (live) or will use at its next boot. */
    Optional<String> shmPathInUse() {
        return liveDevice.or(() -> device).map(SharedMemoryDevice::path);
    }

    List<String> users() {
        return settings.map(LookingGlassSettings::users).orElse(List.of());
    }
}
