// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

/**
 * A check's verdict; doctor exits 0 when nothing failed or warned, 1 on any FAIL, 3 on warnings only. SKIP is a
 * check that could not apply now (the VM is shut off, there is no file yet): not a pass, and not a problem.
 */
public enum Status {
    PASS, WARN, FAIL, SKIP;

    public static int exitCode(Iterable<Check> checks) {
        boolean warned = false;
        for (Check check : checks) {
            if (check.status() == FAIL) {
                return 1;
            }
            warned |= check.status() == WARN;
        }
        return warned ? 3 : 0;
    }
}
