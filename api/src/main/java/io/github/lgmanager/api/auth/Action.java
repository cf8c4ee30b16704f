// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api.auth;

/** The polkit actions lg-daemon checks; ids match polkit/io.github.lgmanager1.policy. */
public enum Action {
    /** Enable, resize, disable, users, client options: changes a VM's definition. */
    CONFIGURE("io.github.lgmanager1.configure"),
    /** Start and shut down a VM. */
    CONTROL("io.github.lgmanager1.control");

    private final String id;

    Action(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
