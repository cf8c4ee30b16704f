// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One udev rule split into its {@code KEY op "value"} pairs, enough to tell which device it matches and what it
 * assigns. udev's syntax is simple enough for this and no library reads it from Java. Pure.
 *
 * @param file where the rule is, e.g. /etc/udev/rules.d/99-kvmfr.rules
 * @param line the line it starts on
 * @param pairs its pairs in order
 */
public record UdevRule(String file, int line, List<Pair> pairs) {
    private static final Pattern PAIR = Pattern.compile(
            "\\s*([A-Za-z_]+(?:\\{[^}]*\\})?)\\s*(==|!=|\\+=|-=|:=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    /** KEY, operator and value, e.g. {@code OWNER}, {@code =}, {@code alice}. */
    public record Pair(String key, String op, String value) {
        public boolean isMatch() {
            return op.equals("==") || op.equals("!=");
        }

        @Override
        public String toString() {
            return key + op + "\"" + value + "\"";
        }
    }

    public UdevRule {
        pairs = List.copyOf(pairs);
    }

    /**
     * The rules of one file: comments and blank lines skipped, lines ending in a backslash joined with the next.
     * A line that does not split cleanly into pairs is left out (udev ignores it with an error in its log).
     */
    public static List<UdevRule> parse(String file, String text) {
        List<UdevRule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int start = i + 1;
            StringBuilder joined = new StringBuilder(lines[i]);
            while (joined.toString().stripTrailing().endsWith("\\") && i + 1 < lines.length) {
                String current = joined.toString().stripTrailing();
                joined = new StringBuilder(current.substring(0, current.length() - 1)).append(lines[++i]);
            }
            String rule = joined.toString().strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            pairs(rule).ifPresent(p -> rules.add(new UdevRule(file, start, p)));
        }
        return rules;
    }

    private static Optional<List<Pair>> pairs(String rule) {
        List<Pair> pairs = new ArrayList<>();
        Matcher m = PAIR.matcher(rule);
        int at = 0;
        while (at < rule.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            pairs.add(new Pair(m.group(1), m.group(2), m.group(3)));
            at = m.end();
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs);
    }

    /** True for a rule that matches kvmfr devices by {@code SUBSYSTEM=="kvmfr"}. */
    public boolean matchesKvmfr() {
        return pairs.stream().anyMatch(p -> p.key().equals("SUBSYSTEM") && p.op().equals("==") && p.value().equals("kvmfr"));
    }

    /** The value the rule assigns to KEY (=, := or +=), the last one winning as in udev. */
    public Optional<String> assigned(String key) {
        String value = null;
        for (Pair p : pairs) {
            if (p.key().equals(key) && !p.isMatch()) {
                value = p.value();
            }
        }
        return Optional.ofNullable(value);
    }

    /** The rule with OWNER, GROUP and MODE replaced by the given assignments, everything else kept in order. */
    public String with(List<Pair> ownership) {
        List<String> kept = new ArrayList<>(pairs.stream()
                .filter(p -> p.isMatch() || !List.of("OWNER", "GROUP", "MODE").contains(p.key()))
                .map(Pair::toString).toList());
        ownership.forEach(p -> kept.add(p.toString()));
        return String.join(", ", kept);
    }

    @Override
    public String toString() {
        return String.join(", ", pairs.stream().map(Pair::toString).toList());
    }
}
