// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.github.lgmanager.core.vm.Preview;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dry run's change to a VM's definition as a unified diff, the way {@code diff -u} prints it. lg-daemon sends the
 * definition before and after (see PreviewEnable in io.github.lgmanager1.Vm.xml); the diff is made here, where
 * memory is not capped, by java-diff-utils. Only the hunk headers are rewritten, to diff -u's ranges.
 *
 * <p>Its default Myers diff costs lines × changed lines: next to nothing for an edit of a few lines in 20,000, but
 * 14 s (and 24 GB of garbage) for two 20,000-line texts with no line in common, which an edit never makes. The
 * library's linear-space variant is cheap there but prints insertions before removals, unlike diff -u.
 */
public final class DefinitionDiff {
    private static final int CONTEXT = 3;
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

    private DefinitionDiff() {
    }

    /** The preview of VM {@code vmName}, from "NAME.xml (now)" to "NAME.xml (after)"; "" when nothing would change. */
    public static String of(String vmName, Preview preview) {
        return of(preview.before(), preview.after(), vmName + ".xml (now)", vmName + ".xml (after)");
    }

    /** Lines compare exactly, except that CRLF and LF line ends are the same. Every output line ends with LF. */
    public static String of(String before, String after, String fromLabel, String toLabel) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        StringBuilder out = new StringBuilder();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, DiffUtils.diff(a, b), CONTEXT)) {
            out.append(line.startsWith("@@") ? hunkHeader(line) : line).append('\n');
        }
        return out.toString();
    }

    /**
     * java-diff-utils writes every range as start,count; diff -u (and POSIX) writes a one-line range as its start
     * alone and an empty one as the line before it, e.g. "@@ -1,2 +0,0 @@" where java-diff-utils says "+1,0".
     */
    private static String hunkHeader(String line) {
        Matcher m = HUNK.matcher(line);
        if (!m.matches()) {
            return line;
        }
        return "@@ -" + range(m.group(1), m.group(2)) + " +" + range(m.group(3), m.group(4)) + " @@";
    }

    private static String range(String start, String count) {
        int from = Integer.parseInt(start);
        return switch (Integer.parseInt(count)) {
            case 0 -> (from - 1) + ",0";
            case 1 -> start;
            default -> start + "," + count;
        };
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
