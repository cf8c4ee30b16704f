// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api.auth;

/**
 * Who made a D-Bus call: the bus's unique name (what polkit checks), the uid the bus daemon vouches for, and
 * whether the caller allowed an interactive password prompt (ALLOW_INTERACTIVE_AUTHORIZATION).
 */
public record Caller(String busName, int uid, boolean interactive) {
    public boolean isRoot() {
        return uid == 0;
    }
}
