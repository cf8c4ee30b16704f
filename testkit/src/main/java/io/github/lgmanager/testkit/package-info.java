// SPDX-License-Identifier: Apache-2.0
/**
 * What the three test tiers stand on: a private dbus-daemon, the real libvirtd with a TCG guest, a real
 * non-root user, Xvfb with a tray host. Shipped as the daemon's test-jar so admin and tray tests reuse it.
 * Every missing prerequisite fails with the way out; none of these ever skips a test.
 */
package io.github.lgmanager.testkit;
