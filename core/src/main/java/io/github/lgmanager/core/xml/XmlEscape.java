// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/** Escaping for what we write, decoding for what we read; only XML's predefined entities exist here. */
final class XmlEscape {

    private XmlEscape() {
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A quoted attribute value. The document's quote character is used unless the value contains it
     * and not the other one: {@code value="{'driver':'ivshmem-plain'}"} reads better than {@code &apos;}.
     */
    static String attribute(String s, char preferred) {
        char other = preferred == '\'' ? '"' : '\'';
        char q = s.indexOf(preferred) >= 0 && s.indexOf(other) < 0 ? other : preferred;
        String e = s.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;");
        e = q == '\'' ? e.replace("'", "&apos;") : e.replace("\"", "&quot;");
        return q + e + q;
    }

    /** Resolves the predefined entities and character references of well-formed XML text. */
    static String decode(String raw) {
        if (raw.indexOf('&') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int semi = c == '&' ? raw.indexOf(';', i) : -1;
            if (semi < 0) {
                b.append(c);
                i++;
                continue;
            }
            String ref = raw.substring(i + 1, semi);
            switch (ref) {
                case "lt" -> b.append('<');
                case "gt" -> b.append('>');
                case "amp" -> b.append('&');
                case "quot" -> b.append('"');
                case "apos" -> b.append('\'');
                default -> {
                    if (ref.startsWith("#x")) {
                        b.appendCodePoint(Integer.parseInt(ref.substring(2), 16));
                    } else if (ref.startsWith("#")) {
                        b.appendCodePoint(Integer.parseInt(ref.substring(1)));
                    } else {
                        throw new IllegalStateException("undeclared entity &" + ref + ";");
                    }
                }
            }
            i = semi + 1;
        }
        return b.toString();
    }

    /** Attribute-value normalization (XML 1.0 §3.3.3) for CDATA attributes, then decoding. */
    static String attributeValue(String rawInsideQuotes) {
        String spaced = rawInsideQuotes.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        return decode(spaced);
    }
}
