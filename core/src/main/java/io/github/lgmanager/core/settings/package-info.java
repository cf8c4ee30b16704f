// SPDX-License-Identifier: Apache-2.0
/**
 * A VM's Looking Glass settings as one immutable value. They live in the domain's own
 * {@code <metadata>} (see {@code core.xml.SettingsCodec}) so that libvirt keeps them with the VM and
 * backups carry them; this package only knows what a valid value is. Names that end up in file
 * paths a root daemon opens (the shm name, the kvmfr device) are checked here, once.
 */
package io.github.lgmanager.core.settings;
