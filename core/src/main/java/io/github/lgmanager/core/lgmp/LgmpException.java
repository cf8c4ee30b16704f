// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/** The host cannot go on: the memory is too small, was overwritten, or a client holds a lock it never releases. */
public class LgmpException extends Exception {
    private static final long serialVersionUID = 1L;

    public LgmpException(String message) {
        super(message);
    }
}
