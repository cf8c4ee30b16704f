// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.List;

/**
 * Where a new device goes inside {@code <devices>}: after the last device that libvirt itself would
 * write before it, so the result reads like {@code virsh dumpxml} and a later redefine moves nothing.
 */
final class DeviceOrder {

    // The order of libvirt's domain formatter (domain_conf.c), for the kinds we add or anchor on.
    private static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics",
            "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon",
            "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto");

    private DeviceOrder() {
    }

    static void insert(DomainDocument doc, XElement devices, XElement device) {
        int rank = ORDER.indexOf(device.localName());
        XElement after = null;
        for (XElement e : devices.elements().toList()) {
            int r = ORDER.indexOf(e.localName());
            if (e.namespaceUri().isEmpty() && r >= 0 && r <= rank) {
                after = e;
            }
        }
        doc.insertAfter(devices, after, device);
    }
}
