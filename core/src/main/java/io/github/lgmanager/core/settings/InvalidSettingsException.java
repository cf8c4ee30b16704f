// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

/** A setting value (shm name, device path, user, client option...) that we refuse to store or use. */
public final class InvalidSettingsException extends Exception {

    public InvalidSettingsException(String message) {
        super(message);
    }
}
