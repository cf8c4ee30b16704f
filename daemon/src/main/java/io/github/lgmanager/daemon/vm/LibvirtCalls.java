package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.daemon.libvirt.LibvirtFailure;

/** Runs a libvirt call for a command: libvirt's refusal becomes the command's LIBVIRT failure, its words kept. */
final class LibvirtCalls {
    private LibvirtCalls() {
    }

    interface LibvirtWork {
        void run() throws LibvirtFailure, VmCommandException;
    }

    interface LibvirtValue<T> {
        T run() throws LibvirtFailure, VmCommandException;
    }

    static void libvirt(LibvirtWork work) throws VmCommandException {
        libvirtValue(() -> {
            work.run();
            return null;
        });
    }

    static <T> T libvirtValue(LibvirtValue<T> work) throws VmCommandException {
        try {
            return work.run();
        } catch (LibvirtFailure e) {
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT, e.getMessage());
        }
    }
}
