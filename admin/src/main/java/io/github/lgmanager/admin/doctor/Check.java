// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

/** One line of doctor's report: what was checked, the verdict, what was found and (for WARN/FAIL) the exact fix. */
public record Check(String id, Status status, String message, String fix) {

    public static Check pass(String id, String message) {
        return new Check(id, Status.PASS, message, "");
    }

    /** Could not be checked now; the message says why ("VM shut off"). */
    public static Check skip(String id, String message) {
        return new Check(id, Status.SKIP, message, "");
    }

    public static Check warn(String id, String message, String fix) {
        return new Check(id, Status.WARN, message, fix);
    }

    public static Check fail(String id, String message, String fix) {
        return new Check(id, Status.FAIL, message, fix);
    }
}
