// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

/** An expected failure: one line for the user (without the "lg-admin: " prefix) and the exit code. */
public final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public AdminException(String message) {
        this(message, FAILURE);
    }

    public AdminException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
