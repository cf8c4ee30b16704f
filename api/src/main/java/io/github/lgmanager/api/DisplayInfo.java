package io.github.lgmanager.api;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** RequestOpen's reply: what a viewer needs. spicePort 0 means spiceHost is a UNIX socket path. */
public final class DisplayInfo extends Tuple {
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
