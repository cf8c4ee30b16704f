// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.linux;

/**
 * A libc call failed. Carries the errno so callers can tell a symbolic link (ELOOP) from a missing file
 * (ENOENT), and the system's own text for it so a log line says what happened without a lookup table.
 */
public final class SystemCallException extends Exception {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EEXIST = 17;
    public static final int EISDIR = 21;
    public static final int ENOTEMPTY = 39;
    public static final int ENXIO = 6;
    public static final int ENOTDIR = 20;
    public static final int ERANGE = 34;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private final String call;
    private final int errno;

    public SystemCallException(String call, String target, int errno, String errorText) {
        super(call + "(" + target + ") failed: " + errorText + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
