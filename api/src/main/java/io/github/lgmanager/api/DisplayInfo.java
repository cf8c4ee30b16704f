package io.github.lgmanager.api;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * RequestOpen's reply: its three out arguments (s shm_path, s spice_host, i spice_port), what a viewer needs.
 * spicePort 0 means spiceHost is a UNIX socket path. A Tuple, so that the three go out as three arguments as the
 * contract declares (a Struct goes out as one "(ssi)" value, which raw callers could not read); dbus-java
 * exports a Tuple only through a parameterized type, hence the type parameters, always String, String, Integer.
 */
public final class DisplayInfo<S extends String, H extends String, P extends Integer> extends Tuple {
    @Position(0)
    private final S shmPath;
    @Position(1)
    private final H spiceHost;
    @Position(2)
    private final P spicePort;

    public DisplayInfo(S shmPath, H spiceHost, P spicePort) {
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
