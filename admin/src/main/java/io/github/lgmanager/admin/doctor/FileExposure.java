// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.admin.doctor.VmFacts.ShmFile;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who besides QEMU and the VM's users can open the shared memory, from its mode and ACL as the kernel applies
 * them: "other" bits; the owning group and named groups after the mask; named users after the mask who are not
 * the VM's. Pure.
 *
 * <p>A /dev/shm file should let nobody else in (lg-daemon keeps it {owner rw, each listed user rw, group ---,
 * mask rw, other ---}): any group right is exposure. A kvmfr device belongs to root and QEMU reaches it through
 * a group (udev's GROUP="kvm", MODE="0660"), so there a group is exposure only through members other than QEMU's
 * user, root and the VM's users.
 *
 * @param who one phrase per way in, e.g. "every local user (other r--)", "user bob (rw-, not one of the VM's users)"
 * @param fixes what closes each way in, for a kvmfr device (a /dev/shm file gets one fix for all)
 * @param unknown true when the ACL could not be read and the group-class bits let someone in besides the owner
 */
public record FileExposure(List<String> who, List<String> fixes, boolean unknown) {

    public static FileExposure of(ShmFile f, VmView vm, String qemuUser, Accounts accounts) {
        boolean kvmfr = vm.mode().equals("kvmfr");
        Set<String> allowed = new LinkedHashSet<>(vm.users());
        allowed.add(qemuUser);
        allowed.add("root");
        allowed.add(f.owner());
        List<String> who = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        int other = f.mode() & 7;
        if (other != 0) {
            who.add("every local user (other " + AclLine.text(other) + ")");
            fixes.add("chmod o= " + vm.shmPath() + " now, and MODE=\"0660\" in the kvmfr udev rule");
        }
        if (f.acl().isEmpty()) {
            return new FileExposure(who, fixes, ((f.mode() >> 3) & 7) != 0);
        }
        List<AclLine> acl = f.acl().get();
        int mask = acl.stream().filter(AclLine::isMask).mapToInt(AclLine::permissions).findFirst().orElse(7);
        for (AclLine line : acl) {
            int effective = line.permissions() & mask;
            if (effective == 0) {
                continue;
            }
            if (line.isOwningGroup() || line.isNamedGroup()) {
                String group = line.isOwningGroup() ? f.group() : line.qualifier();
                Optional<List<String>> members = accounts.members(group);
                List<String> extra = members.map(m -> m.stream().filter(u -> !allowed.contains(u)).toList()).orElse(List.of());
                if (kvmfr && members.isPresent() && extra.isEmpty()) {
                    continue;
                }
                String listed = members.isEmpty() ? "; its members could not be listed"
                        : members.get().isEmpty() ? "; no members now" : ": " + String.join(", ", members.get());
                who.add("group " + group + " (" + AclLine.text(effective) + listed + ")");
                if (members.isEmpty()) {
                    fixes.add("getent group " + group + " shows who is in it: only " + qemuUser + " belongs there");
                } else {
                    extra.forEach(u -> fixes.add("gpasswd -d " + u + " " + group));
                }
            } else if (line.isNamedUser() && !allowed.contains(line.qualifier())) {
                who.add("user " + line.qualifier() + " (" + AclLine.text(effective) + ", not one of the VM's users)");
                fixes.add("setfacl -x u:" + line.qualifier() + " " + vm.shmPath());
            }
        }
        return new FileExposure(who, fixes, false);
    }

    public boolean exposed() {
        return !who.isEmpty();
    }
}
