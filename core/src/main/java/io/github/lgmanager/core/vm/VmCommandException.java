// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

/** A command on a VM failed; the kind becomes a stable D-Bus error name, the message is for the user. */
public final class VmCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind { NOT_FOUND, INVALID_ARGUMENT, NOT_ENABLED, NOT_RUNNING, UNSAFE, LIBVIRT }

    private final Kind kind;

    public VmCommandException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
