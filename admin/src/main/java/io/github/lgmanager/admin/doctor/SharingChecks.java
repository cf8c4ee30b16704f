// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.VmChecks.id;

import io.github.lgmanager.core.settings.ShmNames;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a VM shares its shared memory with another VM: whoever may open the file of one sees the other's screen
 * (and the two guests overwrite each other's frames). Looks across every VM doctor sees, not only those checked.
 * Pure.
 */
public final class SharingChecks {
    private static final String SHM_FOLDER = "/dev/shm/";
    private static final Pattern KVMFR = Pattern.compile("/dev/kvmfr(\\d{1,2})");
    private static final int KVMFR_DEVICES = 100;

    private SharingChecks() {
    }

    /** A VM uses its path when its definition has the device, or it runs with Looking Glass. */
    private static boolean usesItsDevice(VmView vm) {
        return vm.shmSizeMiB() > 0 || vm.enabled() && vm.running();
    }

    public static Check shared(HostFacts h, VmView vm, List<VmView> everyVm) {
        Check.Subject id = id(vm, "sharing");
        if (!usesItsDevice(vm)) {
            return Check.skip(id, "not checked: the definition has no device");
        }
        List<VmView> group = new ArrayList<>(everyVm.stream()
                .filter(o -> !o.uuid().equals(vm.uuid()) && usesItsDevice(o) && o.shmPath().equals(vm.shmPath()))
                .toList());
        if (group.isEmpty()) {
            return Check.pass(id, "no other VM uses " + vm.shmPath());
        }
        List<String> named = new ArrayList<>(List.of("VM '" + vm.name() + "'"));
        group.forEach(o -> named.add("VM '" + o.name() + "'"));
        boolean two = named.size() == 2;
        group.add(vm);
        group.sort(Comparator.comparing(VmView::name));
        String message = joined(named) + (two ? " both" : " all") + " use " + vm.shmPath() + ": each VM's users can see"
                + " the " + (two ? "other's screen" : "others' screens");
        return Check.fail(id, message, fix(h, group, everyVm));
    }

    /**
     * One line that separates the whole group, the same on each member's check so following it once is enough.
     * The VM whose own default name it is keeps a /dev/shm file (else the first by name keeps it); the others move
     * to their own default, as lg-admin enable gives new VMs.
     */
    private static String fix(HostFacts h, List<VmView> group, List<VmView> everyVm) {
        boolean kvmfr = group.get(0).shmPath().matches(KVMFR.pattern());
        VmView keeper = group.stream().filter(g -> g.shmPath().equals(SHM_FOLDER + ShmNames.defaultFor(g.name())))
                .findFirst().orElse(group.get(0));
        List<VmView> movers = group.stream().filter(g -> g != keeper).toList();
        Set<String> taken = new TreeSet<>(everyVm.stream().filter(SharingChecks::usesItsDevice).map(VmView::shmPath).toList());
        List<String> commands = new ArrayList<>();
        Map<String, Long> newDevices = new LinkedHashMap<>();
        for (VmView mover : movers) {
            String target = kvmfr ? freeKvmfrDevice(taken) : SHM_FOLDER + freeShmName(mover.name(), taken);
            taken.add(target);
            if (kvmfr) {
                newDevices.put(target, mover.shmSizeMiB());
                commands.add("lg-admin enable " + mover.name() + " --kvmfr=" + target);
            } else {
                commands.add("lg-admin enable " + mover.name() + " --shm-name " + target.substring(SHM_FOLDER.length()));
            }
        }
        StringBuilder fix = new StringBuilder(String.join(" && ", commands));
        List<String> running = movers.stream().filter(VmView::running).map(VmView::name).toList();
        if (!running.isEmpty()) {
            fix.append(", then shut down and start ").append(String.join(" and ", running))
                    .append(" (it applies at the next boot)");
        }
        List<String> missing = newDevices.keySet().stream().filter(d -> !h.kvmfrDevices().contains(d)).toList();
        if (!missing.isEmpty()) {
            fix.append("; kvmfr makes one device per size in static_size_mb, so for ").append(String.join(", ", missing))
                    .append(" write options kvmfr static_size_mb=").append(sizes(everyVm, newDevices, movers))
                    .append(" in /etc/modprobe.d/kvmfr.conf and reload kvmfr while no VM uses it"
                            + " (modprobe -r kvmfr && modprobe kvmfr)");
        }
        return fix.toString();
    }

    /** The VM's own default name, unless another VM has it already (then a numbered variant of it). */
    private static String freeShmName(String vmName, Set<String> taken) {
        String name = ShmNames.defaultFor(vmName);
        for (int n = 2; taken.contains(SHM_FOLDER + name); n++) {
            name = ShmNames.defaultFor(vmName + "-" + n);
        }
        return name;
    }

    private static String freeKvmfrDevice(Set<String> taken) {
        for (int n = 0; n < KVMFR_DEVICES; n++) {
            if (!taken.contains("/dev/kvmfr" + n)) {
                return "/dev/kvmfr" + n;
            }
        }
        return "/dev/kvmfrN";
    }

    /** static_size_mb for devices 0 to the highest in use after the move, each the size of the VM that uses it. */
    private static String sizes(List<VmView> everyVm, Map<String, Long> newDevices, List<VmView> movers) {
        Map<Integer, Long> byNumber = new LinkedHashMap<>();
        everyVm.stream().filter(v -> !movers.contains(v) && usesItsDevice(v)).forEach(v -> number(v.shmPath())
                .ifPresent(n -> byNumber.merge(n, v.shmSizeMiB(), Math::max)));
        newDevices.forEach((path, size) -> number(path).ifPresent(n -> byNumber.put(n, size)));
        int highest = byNumber.keySet().stream().max(Integer::compare).orElse(0);
        long filler = byNumber.values().stream().min(Long::compare).orElse(32L);
        List<String> sizes = new ArrayList<>();
        for (int n = 0; n <= highest; n++) {
            sizes.add(Long.toString(byNumber.getOrDefault(n, filler)));
        }
        return String.join(",", sizes);
    }

    private static Optional<Integer> number(String path) {
        Matcher m = KVMFR.matcher(path);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String joined(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
