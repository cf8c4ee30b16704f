package io.github.lgmanager.api;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * RequestOpen's reply, its three out arguments (s shm_path, s spice_host, i spice_port): what a viewer needs.
 * spicePort 0 means spiceHost is a UNIX socket path. A Struct, not a Tuple: dbus-java cannot marshal a returned
 * Tuple ("non-exportable type"), while a Struct's fields go out as separate arguments.
 */
public final class DisplayInfo extends Struct {
    @Position(0)
    private final String shmPath;
    @Position(1)
    private final String spiceHost;
    @Position(2)
    private final int spicePort;

    public DisplayInfo(String shmPath, String spiceHost, int spicePort) {
        this.shmPath = shmPath;
        this.spiceHost = spiceHost;
        this.spicePort = spicePort;
    }

    public String getShmPath() {
        return shmPath;
    }

    public String getSpiceHost() {
        return spiceHost;
    }

    public int getSpicePort() {
        return spicePort;
    }
}
