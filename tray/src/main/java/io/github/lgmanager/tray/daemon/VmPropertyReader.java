// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import io.github.lgmanager.api.VmPropertiesCodec;
import io.github.lgmanager.core.vm.VmView;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * Turns the daemon's Vm properties (GetAll's a{sv}) into a {@link VmView} through the contract's codec; a missing
 * or odd value reads as empty, so a daemon of another version still shows what it can.
 */
public final class VmPropertyReader {
    private VmPropertyReader() {
    }

    public static VmView read(Map<String, Variant<?>> properties) {
        return VmPropertiesCodec.decodeOrEmpty(properties);
    }
}
