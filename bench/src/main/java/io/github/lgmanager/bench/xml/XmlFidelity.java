// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measuring instrument: what a reader of the file sees of its spelling (quotes, attribute order, whitespace,
 * references, comments, CDATA, prefixes). A JDK parser reports none of these, so this splits the text itself, for
 * comparison only: a variant loses a kind of spelling when its output spells it differently from the production
 * editor's output for the same edit (the production editor is byte-for-byte lossless: CorpusTest, DomainXmlEditorTest).
 */
final class XmlFidelity {

    private enum Kind { COMMENT, CDATA, PI, START, END, TEXT }

    private record Token(Kind kind, String raw) {
    }

    /** One kind of spelling, as the list of its occurrences in document order. */
    enum Feature {
        COMMENTS("comments", t -> only(t, Kind.COMMENT)),
        WHITESPACE("whitespace", XmlFidelity::whitespace),
        QUOTING("attribute quotes", t -> attributes(t, m -> m.group(4).substring(0, 1))),
        ATTRIBUTE_ORDER("attribute order", XmlFidelity::attributeOrder),
        ENTITY_REFERENCES("entity/char references", XmlFidelity::references),
        CDATA("CDATA sections", t -> only(t, Kind.CDATA)),
        NAMESPACE_PREFIXES("namespace prefixes", XmlFidelity::prefixes),
        EMPTY_ELEMENTS("<a/> vs <a></a>", XmlFidelity::emptyElements),
        PROLOG("declaration, text around the root", XmlFidelity::prolog);

        final String title;
        private final Function<List<Token>, List<String>> extract;

        Feature(String title, Function<List<Token>, List<String>> extract) {
            this.title = title;
            this.extract = extract;
        }

        List<String> of(String xml) {
            return extract.apply(tokens(xml));
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s+)([^\\s=/>]+)(\\s*=\\s*)(\"[^\"]*\"|'[^']*')");
    private static final Pattern NAME = Pattern.compile("^</?([^\\s/>]+)");
    private static final Pattern REFERENCE = Pattern.compile("&[^;\\s]+;");

    private XmlFidelity() {
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int end;
            Kind kind;
            if (s.startsWith("<!--", i)) {
                kind = Kind.COMMENT;
                end = s.indexOf("-->", i) + 3;
            } else if (s.startsWith("<![CDATA[", i)) {
                kind = Kind.CDATA;
                end = s.indexOf("]]>", i) + 3;
            } else if (s.startsWith("<?", i)) {
                kind = Kind.PI;
                end = s.indexOf("?>", i) + 2;
            } else if (s.startsWith("</", i)) {
                kind = Kind.END;
                end = s.indexOf('>', i) + 1;
            } else if (s.charAt(i) == '<') {
                kind = Kind.START;
                end = tagEnd(s, i);
            } else {
                kind = Kind.TEXT;
                end = s.indexOf('<', i) < 0 ? s.length() : s.indexOf('<', i);
            }
            out.add(new Token(kind, s.substring(i, end)));
            i = end;
        }
        return out;
    }

    /** Just after the '>' closing a start tag; quoted values may hold '>'. */
    private static int tagEnd(String s, int i) {
        char quote = 0;
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j + 1;
            }
        }
        return s.length();
    }

    private static List<String> only(List<Token> tokens, Kind kind) {
        return tokens.stream().filter(t -> t.kind() == kind).map(Token::raw).toList();
    }

    private static List<String> attributes(List<Token> tokens, Function<Matcher, String> part) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.START) {
                Matcher m = ATTRIBUTE.matcher(t.raw());
                while (m.find()) {
                    out.add(part.apply(m));
                }
            }
        }
        return out;
    }

    private static List<String> attributeOrder(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.START) {
                Matcher m = ATTRIBUTE.matcher(t.raw());
                StringBuilder b = new StringBuilder();
                while (m.find()) {
                    b.append(m.group(2)).append(' ');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static List<String> whitespace(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.TEXT && t.raw().isBlank()) {
                out.add(t.raw());
            } else if (t.kind() == Kind.START || t.kind() == Kind.END) {
                // inside tags: before each attribute, around '=', before '>' or '/>'
                String rest = NAME.matcher(t.raw()).replaceFirst("");
                Matcher m = ATTRIBUTE.matcher(rest);
                StringBuilder b = new StringBuilder();
                int last = 0;
                while (m.find()) {
                    b.append('[').append(m.group(1)).append(m.group(3).replace("=", "")).append(']');
                    last = m.end();
                }
                String tail = rest.substring(last).replace("/", "").replace(">", "");
                out.add(b.append('[').append(tail).append(']').toString());
            }
        }
        return out;
    }

    private static List<String> references(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.TEXT || t.kind() == Kind.START) {
                Matcher m = REFERENCE.matcher(t.raw());
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    private static List<String> prefixes(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.START || t.kind() == Kind.END) {
                Matcher m = NAME.matcher(t.raw());
                if (m.find() && m.group(1).indexOf(':') > 0) {
                    out.add(m.group(1));
                }
            }
        }
        out.addAll(attributes(tokens, m -> m.group(2)).stream().filter(n -> n.startsWith("xmlns")).toList());
        return out;
    }

    private static List<String> emptyElements(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.START && t.raw().endsWith("/>")) {
                out.add("<a/>");
            } else if (t.kind() == Kind.START && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.END) {
                out.add("<a></a>");
            }
        }
        return out;
    }

    private static List<String> prolog(List<Token> tokens) {
        StringBuilder before = new StringBuilder();
        int i = 0;
        for (; i < tokens.size() && tokens.get(i).kind() != Kind.START; i++) {
            before.append(tokens.get(i).raw());
        }
        StringBuilder after = new StringBuilder();
        int j = tokens.size() - 1;
        for (; j > i && tokens.get(j).kind() != Kind.END; j--) {
            after.insert(0, tokens.get(j).raw());
        }
        return List.of(before.toString(), after.toString());
    }

    /** How many lines of the original are not in the output, by longest common subsequence of lines. */
    static int originalLinesChanged(String original, String output) {
        String[] a = original.split("\n", -1);
        String[] b = output.split("\n", -1);
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                cur[j] = a[i - 1].equals(b[j - 1]) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return a.length - prev[b.length];
    }
}
