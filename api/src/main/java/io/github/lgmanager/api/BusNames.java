// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

/** Names on the bus that every side of lg-manager agrees on. The contract itself is documented in the XML files. */
public final class BusNames {
    /** The well-known name lg-daemon owns on the system bus. */
    public static final String SERVICE = "io.github.lgmanager1";
    /** The manager object: lists VMs and emits the display signals. */
    public static final String MANAGER_PATH = "/io/github/lgmanager1";
    public static final String MANAGER_INTERFACE = "io.github.lgmanager1.Manager";
    /** One object per VM lives under this path, named from the VM's UUID. */
    public static final String VM_PATH_PREFIX = "/io/github/lgmanager1/vm/";
    public static final String VM_INTERFACE = "io.github.lgmanager1.Vm";

    /** The object path of the VM with this UUID: '-' is not allowed in a path element, '_' is. */
    public static String vmPath(String uuid) {
        return VM_PATH_PREFIX + uuid.replace('-', '_');
    }

    private BusNames() {
    }
}
