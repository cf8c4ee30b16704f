// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/** A comment or processing instruction (or the XML declaration), kept as written. */
final class XMarkup extends XNode {

    private final String raw;

    XMarkup(String raw) {
        this.raw = raw;
    }

    @Override
    void render(StringBuilder out) {
        out.append(raw);
    }
}
