// SPDX-License-Identifier: Apache-2.0
/**
 * The VM configuration core: everything the daemon and lg-admin decide about a VM's Looking Glass
 * setup, as plain functions over values, so that it can be tested on thousands of real domain XMLs
 * without a libvirt connection, D-Bus or native code.
 */
package io.github.lgmanager.core;
