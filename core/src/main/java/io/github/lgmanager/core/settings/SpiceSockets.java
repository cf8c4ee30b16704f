// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

/**
 * Where a Looking Glass VM's SPICE server listens when lg-manager sets it up: a UNIX socket in a folder of its
 * own under {@code /run/lg-manager/spice}, which only the VM's listed users may enter. TCP on 127.0.0.1 would let
 * every local user type into the guest; a password would lock out looking-glass-client B7, which cannot send one.
 */
public final class SpiceSockets {
    /** Root-owned and not world-writable: nobody can plant anything on the way to a VM's folder. */
    public static final String ROOT = "/run/lg-manager/spice";
    public static final String SOCKET_NAME = "spice.sock";

    private SpiceSockets() {
    }

    /** The VM's folder, named after its shm name, which is unique per VM and a safe file name. */
    public static String folderFor(String shmName) {
        return ROOT + "/" + ShmNames.checkedForPath(shmName);
    }

    /** The socket libvirt tells QEMU to listen on; looking-glass-client reaches it with {@code -c PATH -p 0}. */
    public static String socketFor(String shmName) {
        return folderFor(shmName) + "/" + SOCKET_NAME;
    }

    /** True for a socket in one of our folders (never one a user wrote elsewhere into the XML). */
    public static boolean isOurs(String socketPath) {
        if (socketPath == null || !socketPath.startsWith(ROOT + "/") || !socketPath.endsWith("/" + SOCKET_NAME)) {
            return false;
        }
        String folder = socketPath.substring(ROOT.length() + 1, socketPath.length() - SOCKET_NAME.length() - 1);
        return ShmNames.problemWithName(folder).isEmpty();
    }

    /** The shm-name folder of one of our sockets. */
    public static String folderOf(String socketPath) {
        if (!isOurs(socketPath)) {
            throw new IllegalArgumentException("not an lg-manager SPICE socket: " + socketPath);
        }
        return socketPath.substring(0, socketPath.length() - SOCKET_NAME.length() - 1);
    }
}
