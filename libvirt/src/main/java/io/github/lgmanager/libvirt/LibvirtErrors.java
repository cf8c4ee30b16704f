// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * libvirt prints every error to stderr unless an error callback is set; we already report errors through
 * exceptions, so the callback drops them. Held in a static field: JNA does not keep callbacks alive, and a
 * collected one would crash the native side that still calls it.
 */
final class LibvirtErrors {
    private static final Libvirt.VirErrorCallback DROP = (Pointer userData, virError error) -> { };

    private LibvirtErrors() {
    }

    static void silenceDefaultPrinter() throws LibvirtException {
        Connect.setErrorCallback(DROP);
    }
}
