// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/** An attribute with the exact text it was written as, including the whitespace before it. */
final class XAttr {

    final String leading;
    final String name;
    private String raw;
    private String value;

    XAttr(String leading, String name, String raw, String value) {
        this.leading = leading;
        this.name = name;
        this.raw = raw;
        this.value = value;
    }

    static XAttr of(String name, String value, char quote) {
        XAttr a = new XAttr(" ", name, "", "");
        a.set(value, quote);
        return a;
    }

    String value() {
        return value;
    }

    void set(String newValue, char quote) {
        this.value = newValue;
        this.raw = name + "=" + XmlEscape.attribute(newValue, quote);
    }

    void render(StringBuilder out) {
        out.append(leading).append(raw);
    }
}
