// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

/**
 * One line of doctor's report: what was checked, the verdict, what was found and (for WARN/FAIL) the exact fix.
 *
 * @param name the short name the text report shows ("acl"); {@link #id()} is the stable one for scripts
 * @param vm the VM checked, "" for a host check
 */
public record Check(String name, String vm, Status status, String message, String fix) {

    public Check {
        CheckIds.of(name, !vm.isEmpty()); // a check without a stable id is a programming error, caught by any test
    }

    /** Which check, for scripts: "vm.shm-file.acl", never containing the VM's name. */
    public String id() {
        return CheckIds.of(name, !vm.isEmpty());
    }

    /** How the text report names it: "win11: acl", or "daemon". */
    public String label() {
        return vm.isEmpty() ? name : vm + ": " + name;
    }

    /** What a check is about: a host check has vm "". */
    public record Subject(String name, String vm) {
    }

    public static Check pass(String hostCheck, String message) {
        return pass(new Subject(hostCheck, ""), message);
    }

    public static Check warn(String hostCheck, String message, String fix) {
        return warn(new Subject(hostCheck, ""), message, fix);
    }

    public static Check fail(String hostCheck, String message, String fix) {
        return fail(new Subject(hostCheck, ""), message, fix);
    }

    public static Check pass(Subject s, String message) {
        return new Check(s.name(), s.vm(), Status.PASS, message, "");
    }

    /** Could not be checked now; the message says why ("VM shut off"). */
    public static Check skip(Subject s, String message) {
        return new Check(s.name(), s.vm(), Status.SKIP, message, "");
    }

    public static Check warn(Subject s, String message, String fix) {
        return new Check(s.name(), s.vm(), Status.WARN, message, fix);
    }

    public static Check fail(Subject s, String message, String fix) {
        return new Check(s.name(), s.vm(), Status.FAIL, message, fix);
    }
}
