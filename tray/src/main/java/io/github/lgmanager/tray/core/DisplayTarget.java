package io.github.lgmanager.tray.core;

/**
 * What a viewer connects to, as DisplayReady and RequestOpen deliver it. spicePort 0 means spiceHost is a UNIX
 * socket path; an empty spiceHost means the VM has no SPICE graphics.
 */
public record DisplayTarget(String shmPath, String spiceHost, int spicePort) {
    public boolean hasSpice() {
        return !spiceHost.isEmpty();
    }

    public boolean spiceIsUnixSocket() {
        return hasSpice() && spicePort == 0;
    }
}
