// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

/**
 * This user's permissions for lg-manager's two polkit actions: configure (Looking Glass on/off, settings) and
 * control (start, shut down). Opening a display and choosing auto-open need neither for a listed user.
 */
public record Permissions(Permission configure, Permission control) {
    public static final Permissions UNKNOWN = new Permissions(Permission.UNKNOWN, Permission.UNKNOWN);
}
