// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/**
 * Domain XML we cannot (or must not) edit: not well-formed, not a {@code <domain>}, too large, or an
 * edit whose result failed our own checks. Nothing is returned when it is thrown.
 */
public final class DomainXmlException extends Exception {

    public DomainXmlException(String message) {
        super(message);
    }

    public DomainXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
