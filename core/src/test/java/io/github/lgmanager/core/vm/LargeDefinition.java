// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

/**
 * A domain definition of a given length, for showing what a preview costs: disks fill the devices between where
 * enable writes its metadata (near the top) and its device (at the end), so a diff cannot skip them as a shared
 * prefix or suffix. The graphics device has a password, as a definition read with its secrets does.
 */
public final class LargeDefinition {
    public static final String NAME = "big";
    public static final String UUID = "8c4f1e36-5d5b-4a39-9a57-3c1d2b8e7f10";

    private LargeDefinition() {
    }

    /** About {@code lines} lines: the disks take five each. */
    public static String ofLines(int lines) {
        StringBuilder xml = new StringBuilder(lines * 48);
        xml.append("<domain type='kvm'>\n  <name>").append(NAME).append("</name>\n  <uuid>").append(UUID)
                .append("</uuid>\n  <memory unit='KiB'>16777216</memory>\n  <devices>\n")
                .append("    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n");
        for (int disk = 0; disk * 5 < lines - 16; disk++) {
            xml.append("    <disk type='file' device='disk'>\n")
                    .append("      <driver name='qemu' type='qcow2'/>\n")
                    .append("      <source file='/var/lib/libvirt/images/big-").append(disk).append(".qcow2'/>\n")
                    .append("      <target dev='vd").append(disk).append("' bus='virtio'/>\n")
                    .append("    </disk>\n");
        }
        xml.append("    <graphics type='spice' autoport='yes' passwd='s3cret'>\n")
                .append("      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n")
                .append("    <memballoon model='virtio'/>\n  </devices>\n</domain>\n");
        return xml.toString();
    }
}
