// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

/**
 * What polkit would answer for one of lg-manager's actions if this tray asked now (checked without interaction):
 * the menu greys what the user cannot do and says why, before they click.
 */
public enum Permission {
    /** Allowed outright. */
    YES,
    /** Allowed once the user authenticates: the click brings up their desktop's password prompt. */
    ASKS_PASSWORD,
    /** Refused; only an administrator (a polkit rule) can change that. */
    NO,
    /** Not known (polkitd not reachable yet): offer the item, the daemon still decides. */
    UNKNOWN;

    /** The item is offered: everything but a certain refusal. */
    public boolean offered() {
        return this != NO;
    }

    /** What an item's label adds, so the user knows before clicking; "" when nothing needs saying. */
    public String hint() {
        return switch (this) {
            case ASKS_PASSWORD -> " (asks for your password)";
            case NO -> " (only an administrator can do this)";
            case YES, UNKNOWN -> "";
        };
    }

    /** From polkit's CheckAuthorization result (is_authorized, is_challenge). */
    public static Permission of(boolean authorized, boolean challenge) {
        return authorized ? YES : challenge ? ASKS_PASSWORD : NO;
    }
}
