// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Help text that breaks lines only at spaces. picocli breaks where Java's line rules allow, which includes after
 * ':', '/' and '-': "qemu:" then "///system", "--[no-]" then "hdr", which a reader cannot copy. So picocli lays each
 * section out on one long line per entry, and this class wraps those lines at spaces, keeping picocli's columns.
 */
public final class HelpWrap {
    /** What the terminal shows without wrapping, and what help2man's manual page expects. */
    public static final int WIDTH = 80;
    /** Wide enough that picocli never breaks a line itself. */
    private static final int UNBROKEN = 10_000;
    private static final String USAGE = "Usage: ";
    /** An entry's first column (option names, a synopsis head) and the text after it. */
    private static final Pattern COLUMNS = Pattern.compile("^(\\s*(?:Usage: \\S+(?: \\S+)? |\\S.*?\\s{2,}|\\s*))(\\S.*)$");

    private HelpWrap() {
    }

    /** Applies to this command line and every subcommand. */
    public static void install(CommandLine cli) {
        cli.setUsageHelpWidth(UNBROKEN);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        for (Map.Entry<String, CommandLine.IHelpSectionRenderer> section : sections.entrySet()) {
            CommandLine.IHelpSectionRenderer picocli = section.getValue();
            if (section.getKey().equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                // printed after the heading "Usage: ", which picocli renders as a section of its own
                section.setValue(help -> wrap(USAGE + picocli.render(help)).substring(USAGE.length()));
            } else {
                section.setValue(help -> wrap(picocli.render(help)));
            }
        }
        cli.setHelpSectionMap(sections);
        cli.getSubcommands().values().forEach(HelpWrap::install);
    }

    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(String.join("\n", wrapLine(line))).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static List<String> wrapLine(String line) {
        List<String> lines = new ArrayList<>();
        if (line.length() <= WIDTH) {
            lines.add(line);
            return lines;
        }
        Matcher m = COLUMNS.matcher(line);
        String head = m.matches() ? m.group(1) : "";
        String rest = m.matches() ? m.group(2) : line.strip();
        // picocli's own columns: a synopsis continues under its first option, an option's text 2 further in, a
        // paragraph at its own indentation
        int hanging = head.startsWith(USAGE) || head.isBlank() ? head.length() : head.length() + 2;
        if (hanging > WIDTH / 2) {
            hanging = 8; // a very long first column: continue under it rather than squeeze the text
        }
        StringBuilder current = new StringBuilder(head);
        for (String word : rest.split(" +")) {
            boolean fresh = current.toString().isBlank() || current.length() == head.length();
            if (!fresh && current.length() + 1 + word.length() > WIDTH) {
                lines.add(current.toString().stripTrailing());
                current = new StringBuilder(" ".repeat(hanging));
                fresh = true;
            }
            if (!fresh) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString().stripTrailing());
        return lines;
    }
}
