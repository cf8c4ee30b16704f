// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/** Character data, kept as written (entity and character references, CDATA sections). */
final class XText extends XNode {

    private final String raw;

    XText(String raw) {
        this.raw = raw;
    }

    static XText of(String value) {
        return new XText(XmlEscape.text(value));
    }

    String raw() {
        return raw;
    }

    /** The characters an XML parser reports for this node. */
    String value() {
        if (raw.startsWith("<![CDATA[")) {
            return raw.substring(9, raw.length() - 3);
        }
        return XmlEscape.decode(raw);
    }

    /** Only XML's own whitespace: other Unicode spaces are content. */
    boolean isWhitespace() {
        return raw.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }

    @Override
    void render(StringBuilder out) {
        out.append(raw);
    }
}
