// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.sizing;

/** A resolution given by a user (command line, metadata) that we cannot size. */
public final class InvalidResolutionException extends Exception {

    public InvalidResolutionException(String message) {
        super(message);
    }
}
