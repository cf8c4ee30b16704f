package io.github.lgmanager.core.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u} prints it) of two texts, line by line, for showing an edit before it is
 * made. Lines are compared exactly; the longest common subsequence keeps unchanged lines unchanged. Pure.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff with {@code --- fromName} / {@code +++ toName} headers, or "" when the texts are equal. */
    public static String of(String before, String after, String fromName, String toName) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = script(a, b);
        if (ops.stream().allMatch(op -> op.kind == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n');
        out.append("+++ ").append(toName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within 2 × CONTEXT unchanged lines.
            int j = i;
            while (j < ops.size()) {
                if (ops.get(j).kind != ' ') {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < ops.size() && ops.get(k).kind == ' ') {
                    k++;
                }
                if (k < ops.size() && k - j <= 2 * CONTEXT) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(ops.size(), end + CONTEXT + 1);
            appendHunk(out, ops.subList(start, stop));
            i = stop;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Op> hunk) {
        Op first = hunk.get(0);
        int aCount = (int) hunk.stream().filter(op -> op.kind != '+').count();
        int bCount = (int) hunk.stream().filter(op -> op.kind != '-').count();
        int aStart = aCount == 0 ? first.aLine - 1 : first.aLine;
        int bStart = bCount == 0 ? first.bLine - 1 : first.bLine;
        out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
        for (Op op : hunk) {
            out.append(op.kind).append(op.text).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private record Op(char kind, String text, int aLine, int bLine) {
    }

    /** Edit script; each op carries the 1-based line numbers it sits at in both texts. */
    private static List<Op> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(prefix + x).equals(b.get(prefix + y))
                        ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < prefix; p++) {
            ops.add(new Op(' ', a.get(p), p + 1, p + 1));
        }
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            int ai = prefix + x;
            int bi = prefix + y;
            if (x < n && y < m && a.get(ai).equals(b.get(bi))) {
                ops.add(new Op(' ', a.get(ai), ai + 1, bi + 1));
                x++;
                y++;
            } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
                // removals before additions, as diff -u prints a changed line
                ops.add(new Op('-', a.get(ai), ai + 1, bi + 1));
                x++;
            } else {
                ops.add(new Op('+', b.get(bi), ai + 1, bi + 1));
                y++;
            }
        }
        for (int s = suffix; s > 0; s--) {
            int ai = a.size() - s;
            int bi = b.size() - s;
            ops.add(new Op(' ', a.get(ai), ai + 1, bi + 1));
        }
        return ops;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
