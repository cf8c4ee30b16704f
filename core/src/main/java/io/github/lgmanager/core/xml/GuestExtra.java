// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/**
 * Optional changes from upstream's recommended setup. Each one changes what the guest sees (new
 * devices, a driver to install, no more ballooning), so each is asked for separately and none is
 * undone by disable.
 */
public enum GuestExtra {
    /** Add a {@code <graphics type='spice'>} if there is none: the client's input and clipboard channel. */
    SPICE_GRAPHICS,
    /** Replace the USB tablet by a virtio mouse and keyboard (needs the guest's virtio-input driver). */
    VIRTIO_INPUT,
    /** Add the spicevmc channel the clipboard goes through. */
    SPICE_CLIPBOARD,
    /** {@code <memballoon model='none'/>}: ballooning hurts with VFIO passthrough. */
    MEMBALLOON_NONE,
    /** Make the (first) video device a plain VGA adapter, upstream's current advice. */
    VGA_VIDEO
}
