// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What doctor found on the machine, independent of any VM. Gathered by {@link FactsGatherer}; the checks are pure
 * functions over it.
 *
 * @param backend how lg-admin reached the VMs ("lg-daemon on the system bus", "libvirt at URI (--connect)")
 * @param direct true with --connect (no daemon involved)
 * @param backendProblem why the daemon (or libvirt with --connect) could not be reached, "" when it could
 * @param libvirtProblem why the daemon cannot reach libvirt, "" when it can
 * @param invokingUser the person behind this run (SUDO_USER under sudo)
 * @param qemuUser the user QEMU runs as (qemu.conf's user, else Debian's libvirt-qemu)
 * @param protectedRegular fs.protected_regular, empty when unreadable
 * @param protectedSymlinks fs.protected_symlinks, empty when unreadable
 * @param protectedHardlinks fs.protected_hardlinks, empty when unreadable
 * @param apparmorEnabled /sys/module/apparmor/parameters/enabled says Y
 * @param apparmorLocal the text of libvirt-qemu's AppArmor abstraction and its local override ("" when absent)
 * @param libvirtVersion the installed libvirt-daemon's version as "major.minor", "" when unknown
 * @param selinuxMode "absent", "permissive" or "enforcing"
 * @param tmpfiles every tmpfiles.d line, for finding one that creates a shared-memory path
 * @param kvmfrLoaded /sys/module/kvmfr exists
 * @param kvmfrDevices the /dev/kvmfrN nodes that exist
 * @param kvmfrUdevRules the udev rules that match SUBSYSTEM=="kvmfr", from the rules files udev reads (a file in
 *     /etc/udev/rules.d hides one of the same name in /run or /usr/lib)
 * @param accounts the local users and groups
 * @param qemuConf the text of /etc/libvirt/qemu.conf, "" when there is none (libvirt's defaults apply), empty when
 *     it could not be read (it is root's alone on Debian)
 * @param clientPath looking-glass-client on PATH
 * @param clientVersion what it says its version is
 */
public record HostFacts(String backend, boolean direct, String backendProblem, String libvirtProblem,
        String invokingUser, String qemuUser, OptionalInt protectedRegular, OptionalInt protectedSymlinks,
        OptionalInt protectedHardlinks, boolean apparmorEnabled, String apparmorLocal, String libvirtVersion,
        String selinuxMode, List<TmpfilesLine> tmpfiles, boolean kvmfrLoaded, List<String> kvmfrDevices,
        List<UdevRule> kvmfrUdevRules, Accounts accounts, Optional<String> qemuConf, Optional<String> clientPath,
        Optional<String> clientVersion) {

    /** One line of a tmpfiles.d file. */
    public record TmpfilesLine(String file, int number, String text) {
        /** The path field (second column), "" for comments and blank lines. */
        public String path() {
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                return "";
            }
            String[] fields = t.split("\\s+");
            return fields.length > 1 ? fields[1] : "";
        }
    }
}
