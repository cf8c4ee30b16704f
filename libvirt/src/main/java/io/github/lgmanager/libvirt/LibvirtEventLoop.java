// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.libvirt;

import io.github.lgmanager.core.vm.LibvirtFailure;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's event loop is one per process: registered once, before the first connection, and run by one thread
 * for the life of the process. Every connection that wants events (and keepalives) relies on it.
 */
public final class LibvirtEventLoop {
    private static Thread thread;

    private LibvirtEventLoop() {
    }

    public static synchronized void ensureRunning() throws LibvirtFailure {
        if (thread != null) {
            return;
        }
        try {
            LibvirtErrors.silenceDefaultPrinter();
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot start libvirt's event loop", e);
        }
        thread = new Thread(LibvirtEventLoop::run, "libvirt-events");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        while (true) {
            try {
                Library.runEventLoop();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LibvirtException e) {
                // One failed iteration must not end event delivery for the whole process.
                System.err.println("libvirt event loop: " + e.getMessage());
            }
        }
    }
}
