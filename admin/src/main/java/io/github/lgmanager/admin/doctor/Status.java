package io.github.lgmanager.admin.doctor;

/** A check's verdict; doctor exits 0 when all pass, 1 on any FAIL, 3 on warnings only. */
public enum Status {
    PASS, WARN, FAIL;

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
