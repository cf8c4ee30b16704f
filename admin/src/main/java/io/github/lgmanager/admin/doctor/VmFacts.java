// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;

/**
 * What doctor found about one VM.
 *
 * @param view the VM as the daemon publishes it
 * @param xml the persistent definition (without passwords), "" when it could not be read
 * @param file the shared-memory file or kvmfr device, when Looking Glass is enabled and it could be looked at (also
 *     while the VM is shut off: a file left there decides whether the next start works)
 * @param header the LGMP header read from it while the VM runs, when it could be read
 * @param spice the SPICE graphics, from libvirt's own file for the VM when it could be read (then whether it has a
 *     password is known), else from {@code xml}; empty when the VM has none
 */
public record VmFacts(VmView view, String xml, Optional<ShmFile> file, Optional<LgmpHeader> header,
        Optional<SpiceGraphics> spice) {

    /**
     * The shared-memory file as lstat and its ACL describe it.
     *
     * @param exists false when nothing is at the path
     * @param type "regular file", "character device", "symbolic link", ...
     * @param owner the owner's name (or uid when unknown)
     * @param mode the permission bits (with an ACL, the group bits are its mask)
     * @param size bytes
     * @param aclUsers users named in the ACL with read and write (after the mask)
     * @param selinuxLabel the security.selinux label, "" when none
     * @param invokingUserCanReadWrite whether the invoking user can open it read-write (owner, named ACL entry
     *     or "other" bits; groups not counted), empty when unknown
     * @param group the owning group's name (or gid when unknown)
     * @param acl every entry of the access ACL (the mode's three when the file has no ACL), empty when it could
     *     not be read
     * @param aclProblem why the ACL could not be read, "" when it was
     */
    public record ShmFile(boolean exists, String type, String owner, int mode, long size, List<String> aclUsers,
            String selinuxLabel, Optional<Boolean> invokingUserCanReadWrite, String group, Optional<List<AclLine>> acl,
            String aclProblem) {

        public static ShmFile missing() {
            return new ShmFile(false, "", "", 0, 0, List.of(), "", Optional.empty(), "", Optional.empty(), "nothing there");
        }
    }
}
