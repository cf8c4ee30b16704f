// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/**
 * Where looking-glass-client reaches the VM's SPICE server.
 *
 * @param host       the address to connect to (a wildcard listen address becomes loopback), or null
 * @param port       the TCP port, or 0 for a UNIX socket (the client's own convention)
 * @param unixSocket the socket path, or null
 */
public record SpiceEndpoint(String host, int port, String unixSocket) {

    public boolean isUnixSocket() {
        return unixSocket != null;
    }
}
