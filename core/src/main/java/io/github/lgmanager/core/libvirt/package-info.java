// SPDX-License-Identifier: Apache-2.0
/**
 * libvirt's own configuration as lg-manager needs to read it (qemu.conf: the user QEMU runs as, SPICE defaults,
 * the kvmfr device list). Pure: text in, values out; the daemon and lg-admin doctor read it the same way.
 */
package io.github.lgmanager.core.libvirt;
