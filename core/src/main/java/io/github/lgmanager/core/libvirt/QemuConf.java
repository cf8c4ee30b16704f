// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * /etc/libvirt/qemu.conf read the way libvirtd reads it: libvirt's own configuration syntax ({@code name = value}
 * per line or separated by {@code ;}, values "double-quoted", 'single-quoted' or """triple-quoted""" strings,
 * integers and {@code [ ... ]} lists that may span lines, {@code #} comments). A regular expression over the text
 * got multi-line lists and commented-out entries inside them wrong, and those decide whether QEMU may open a kvmfr
 * device. Pure: text in, values out.
 */
public final class QemuConf {
    private final Map<String, Setting> settings;

    private QemuConf(Map<String, Setting> settings) {
        this.settings = settings;
    }

    /** A value as libvirt types it. */
    public sealed interface Value permits Text, Number, Items {
    }

    public record Text(String text) implements Value {
    }

    public record Number(long number) implements Value {
    }

    public record Items(List<Value> items) implements Value {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** One {@code name = value} and the line it starts on. */
    public record Setting(String name, Value value, int line) {
    }

    /** Why the text is not valid qemu.conf syntax, with the line libvirt would report. */
    public static final class SyntaxException extends Exception {
        private final int line;

        SyntaxException(int line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static QemuConf parse(String text) throws SyntaxException {
        return new Parser(text).file();
    }

    /** The setting as libvirt sees it: when a name is set twice, libvirt's lookup finds the first. */
    public Optional<Setting> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public Optional<String> string(String name) {
        return setting(name).map(Setting::value).filter(Text.class::isInstance).map(v -> ((Text) v).text());
    }

    public OptionalLong number(String name) {
        Optional<Value> value = setting(name).map(Setting::value).filter(Number.class::isInstance);
        return value.isPresent() ? OptionalLong.of(((Number) value.get()).number()) : OptionalLong.empty();
    }

    /** The strings of a list setting; empty when unset or not a list of strings. */
    public Optional<List<String>> strings(String name) {
        Optional<Value> value = setting(name).map(Setting::value);
        if (value.isEmpty() || !(value.get() instanceof Items items)
                || !items.items().stream().allMatch(Text.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(items.items().stream().map(v -> ((Text) v).text()).toList());
    }

    private static final class Parser {
        private final String s;
        private int at;
        private int line = 1;

        Parser(String text) {
            this.s = text;
        }

        QemuConf file() throws SyntaxException {
            Map<String, Setting> settings = new LinkedHashMap<>();
            while (true) {
                skipBlanksCommentsAndNewlines();
                if (at >= s.length()) {
                    return new QemuConf(settings);
                }
                int start = line;
                String name = name();
                skipBlanks();
                if (peek() != '=') {
                    throw error("expected '=' after " + name);
                }
                at++;
                skipBlanks();
                Value value = value();
                settings.putIfAbsent(name, new Setting(name, value, start));
                skipBlanks();
                if (peek() == '#') {
                    skipComment();
                }
                char c = peek();
                if (c == ';') {
                    at++;
                } else if (c != '\n' && c != '\r' && at < s.length()) {
                    throw error("expected the end of the line after the value of " + name);
                }
            }
        }

        private String name() throws SyntaxException {
            int start = at;
            if (!isAsciiLetter(peek())) {
                throw error("expected a setting name, found '" + peek() + "'");
            }
            while (at < s.length() && (isAsciiLetter(s.charAt(at)) || isAsciiDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                at++;
            }
            return s.substring(start, at);
        }

        private Value value() throws SyntaxException {
            char c = peek();
            if (c == '"' || c == '\'') {
                return new Text(string());
            }
            if (c == '[') {
                return list();
            }
            if (isAsciiDigit(c) || c == '-' || c == '+') {
                return number();
            }
            throw error(at >= s.length() ? "expected a value at the end of the file" : "expected a value, found '" + c + "'");
        }

        private String string() throws SyntaxException {
            if (s.startsWith("\"\"\"", at)) {
                int end = s.indexOf("\"\"\"", at + 3);
                if (end < 0) {
                    throw error("unterminated \"\"\" string");
                }
                String text = s.substring(at + 3, end);
                line += (int) text.chars().filter(ch -> ch == '\n').count();
                at = end + 3;
                return text;
            }
            char quote = s.charAt(at++);
            int start = at;
            while (at < s.length() && s.charAt(at) != quote && s.charAt(at) != '\n' && s.charAt(at) != '\r') {
                at++;
            }
            if (peek() != quote) {
                throw error("unterminated string (strings end on the line they start)");
            }
            return s.substring(start, at++);
        }

        private Value number() throws SyntaxException {
            int start = at;
            if (peek() == '-' || peek() == '+') {
                at++;
            }
            if (!isAsciiDigit(peek())) {
                throw error("expected digits after the sign");
            }
            while (isAsciiDigit(peek())) {
                at++;
            }
            try {
                return new Number(Long.parseLong(s.substring(start, at)));
            } catch (NumberFormatException e) {
                throw error("number out of range: " + s.substring(start, at));
            }
        }

        /** Elements separated by commas, a trailing comma allowed, across lines; comments between them are skipped. */
        private Value list() throws SyntaxException {
            int opened = line;
            at++;
            List<Value> items = new ArrayList<>();
            skipBlanksCommentsAndNewlines();
            while (true) {
                if (at >= s.length()) {
                    throw new SyntaxException(opened, "list is not closed with ]");
                }
                if (peek() == ']') {
                    break;
                }
                if (!items.isEmpty()) {
                    if (peek() != ',') {
                        throw error("expected ',' or ']' in the list");
                    }
                    at++;
                    skipBlanksCommentsAndNewlines();
                    if (at >= s.length() || peek() == ']') {
                        continue;
                    }
                }
                items.add(value());
                skipBlanksCommentsAndNewlines();
            }
            at++;
            return new Items(items);
        }

        private void skipBlanks() {
            while (peek() == ' ' || peek() == '\t') {
                at++;
            }
        }

        private void skipComment() {
            while (at < s.length() && s.charAt(at) != '\n') {
                at++;
            }
        }

        private void skipBlanksCommentsAndNewlines() {
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c == '#') {
                    skipComment();
                } else if (c == '\n') {
                    line++;
                    at++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    at++;
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private SyntaxException error(String problem) {
            return new SyntaxException(line, problem);
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
