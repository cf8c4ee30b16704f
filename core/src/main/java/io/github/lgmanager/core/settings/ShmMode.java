// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

/**
 * How the guest's frames reach the host: a file in {@code /dev/shm} that libvirt's {@code <shmem>}
 * device maps, or a kvmfr character device (DMA-BUF capable) passed to QEMU directly.
 */
public record ShmMode(Kind kind, String devicePath) {

    public enum Kind {
        SHM("shm"), KVMFR("kvmfr");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public ShmMode {
        if (kind == null) {
            throw new IllegalArgumentException("mode kind missing");
        }
        if (kind == Kind.SHM && devicePath != null) {
            throw new IllegalArgumentException("shm mode takes no device path");
        }
        if (kind == Kind.KVMFR) {
            ShmNames.problemWithKvmfrDevice(devicePath).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
    }

    public static ShmMode shm() {
        return new ShmMode(Kind.SHM, null);
    }

    public static ShmMode kvmfr(String devicePath) throws InvalidSettingsException {
        return new ShmMode(Kind.KVMFR, ShmNames.checkKvmfrDevice(devicePath));
    }

    public boolean isKvmfr() {
        return kind == Kind.KVMFR;
    }
}
