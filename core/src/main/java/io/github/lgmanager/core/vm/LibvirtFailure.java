// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

/** libvirt refused a call or cannot be reached; the message quotes libvirt's own words. */
public final class LibvirtFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public LibvirtFailure(String message) {
        super(message);
    }

    /** {@code action} says what we tried ("cannot read the definition of VM …"); libvirt's words follow it. */
    public LibvirtFailure(String action, Exception cause) {
        super(action + ": " + cleanMessage(cause), cause);
    }

    private static String cleanMessage(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
