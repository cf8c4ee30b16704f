// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stable id of each check, as --json reports it: scripts match on these, so they never carry a VM's name (that
 * is the "vm" field) nor follow the wording of the text report. Renaming one breaks scripts: CheckIdsTest pins the
 * list and docs/doctor.md documents it. A check whose name is not here cannot be built.
 */
public final class CheckIds {
    /** The text report's short name to the stable id, in report order. */
    private static final Map<String, String> HOST = new LinkedHashMap<>();
    private static final Map<String, String> VM = new LinkedHashMap<>();

    static {
        HOST.put("daemon", "host.daemon");
        HOST.put("libvirt", "host.libvirt");
        HOST.put("client", "host.client.release");
        HOST.put("protected links", "host.protected-links");
        HOST.put("vms", "host.vms");
        VM.put("found", "vm.found");
        VM.put("device", "vm.device");
        VM.put("size", "vm.shm.size");
        VM.put("sharing", "vm.shm.sharing");
        VM.put("spice", "vm.spice");
        VM.put("spice access", "vm.spice.access");
        VM.put("memballoon", "vm.memballoon");
        VM.put("tmpfiles", "vm.shm-file.tmpfiles");
        VM.put("protected_regular", "vm.shm-file.protected-regular");
        VM.put("file", "vm.shm-file");
        VM.put("owner", "vm.shm-file.owner");
        VM.put("acl", "vm.shm-file.acl");
        VM.put("kvmfr module", "vm.kvmfr.module");
        VM.put("kvmfr device", "vm.kvmfr.device");
        VM.put("kvmfr udev", "vm.kvmfr.udev");
        VM.put("cgroup_device_acl", "vm.kvmfr.cgroup-device-acl");
        VM.put("exposure", "vm.shm.exposure");
        VM.put("access", "vm.shm.access");
        VM.put("apparmor", "vm.apparmor");
        VM.put("selinux", "vm.selinux");
        VM.put("host app", "vm.host-app.version");
    }

    private CheckIds() {
    }

    /** @throws IllegalArgumentException for a name with no id: every new check needs one here */
    static String of(String name, boolean perVm) {
        String id = (perVm ? VM : HOST).get(name);
        if (id == null) {
            throw new IllegalArgumentException("no stable id for the " + (perVm ? "VM" : "host") + " check '" + name
                    + "': add one to CheckIds and docs/doctor.md");
        }
        return id;
    }

    /** Every id, host checks first. */
    public static Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(HOST);
        all.putAll(VM);
        return all;
    }
}
