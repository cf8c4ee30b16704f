// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.FileSharing;
import io.github.lgmanager.core.vm.VmCommandException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the daemon knows about VMs: one {@link VmRecord} per libvirt domain, by UUID, and which VM uses which
 * shared-memory file. Only the supervisor thread touches it.
 */
final class VmRegistry {
    private final Map<String, VmRecord> vms = new LinkedHashMap<>();

    /** The VM's record, or empty when the daemon does not know it (yet, or any more). */
    Optional<VmRecord> get(String uuid) {
        return Optional.ofNullable(vms.get(uuid));
    }

    /** The record for this domain, made (and flagged new) on first sight; the name follows renames. */
    Lookup lookup(String uuid, String name) {
        VmRecord vm = vms.get(uuid);
        boolean isNew = vm == null;
        if (isNew) {
            vm = new VmRecord(uuid, name);
            vms.put(uuid, vm);
        }
        vm.name = name;
        return new Lookup(vm, isNew);
    }

    /** A record and whether it was made just now (then it is announced as added rather than changed). */
    record Lookup(VmRecord vm, boolean isNew) {
    }

    void remove(VmRecord vm) {
        vms.remove(vm.uuid);
    }

    /** Drops every VM libvirt no longer lists; returns them, in the order they were known. */
    List<VmRecord> retainOnly(Set<String> uuids) {
        List<VmRecord> gone = new ArrayList<>();
        vms.values().removeIf(vm -> {
            if (uuids.contains(vm.uuid)) {
                return false;
            }
            gone.add(vm);
            return true;
        });
        return gone;
    }

    Collection<VmRecord> all() {
        return vms.values();
    }

    long enabledCount() {
        return vms.values().stream().filter(VmRecord::enabled).count();
    }

    /** For a command: the VM, or NOT_FOUND (a caller may hold the path of a VM undefined since). */
    VmRecord find(String uuid) throws VmCommandException {
        VmRecord vm = vms.get(uuid);
        if (vm == null) {
            throw new VmCommandException(VmCommandException.Kind.NOT_FOUND, "no VM with UUID " + uuid + " (it was undefined)");
        }
        return vm;
    }

    /** For a command that needs Looking Glass: the VM, or NOT_ENABLED with the command that enables it. */
    VmRecord findEnabled(String uuid) throws VmCommandException {
        VmRecord vm = find(uuid);
        if (!vm.enabled()) {
            throw new VmCommandException(VmCommandException.Kind.NOT_ENABLED, "VM '" + vm.name
                    + "' does not have Looking Glass; enable it first (lg-admin enable " + vm.name + ")");
        }
        return vm;
    }

    /**
     * Why this VM may not use {@code path}: another Looking Glass VM uses it too, and whoever is listed on either
     * would see the other's screen. The message names the VMs and the one command that separates them.
     */
    Optional<String> sharedWith(VmRecord vm, String path) {
        return FileSharing.problem(vm.name, path, othersUsing(vm, path));
    }

    /** Whether a Looking Glass VM other than this one uses {@code path} now or at its next boot. */
    boolean usedByAnother(VmRecord vm, String path) {
        return !othersUsing(vm, path).isEmpty();
    }

    private List<String> othersUsing(VmRecord vm, String path) {
        return vms.values().stream()
                .filter(other -> other != vm && other.enabled())
                .filter(other -> other.shmPathInUse().map(path::equals).orElse(false))
                .map(other -> other.name)
                .toList();
    }
}
