package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The dry-run diff reads like diff -u: headers, hunks with line ranges, three lines of context. */
class UnifiedDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertEquals("", UnifiedDiff.of("a\nb\n", "a\nb\n", "x", "y"));
    }

    @Test
    void anInsertedLineIsShownWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
        String after = "1\n2\n3\n4\nnew\n5\n6\n7\n8\n";
        assertEquals("--- x\n+++ y\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n", UnifiedDiff.of(before, after, "x", "y"));
    }

    @Test
    void aChangedLineIsARemovalThenAnAddition() {
        assertEquals("--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-<size unit='M'>32</size>\n+<size unit='M'>64</size>\n c\n",
                UnifiedDiff.of("a\n<size unit='M'>32</size>\nc\n", "a\n<size unit='M'>64</size>\nc\n", "x", "y"));
    }

    @Test
    void distantChangesMakeSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = ("\n" + before).replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n").substring(1);
        String diff = UnifiedDiff.of(before.toString(), after, "x", "y");
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertEquals(true, diff.contains("@@ -1,5 +1,5 @@"), diff);
        assertEquals(true, diff.contains("@@ -16,5 +16,5 @@"), diff);
    }

    @Test
    void nearbyChangesShareOneHunk() {
        String diff = UnifiedDiff.of("1\n2\n3\n4\n5\n6\n", "1\nb\n3\n4\ne\n6\n", "x", "y");
        assertEquals(1, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
    }

    @Test
    void removingEverythingCountsFromLineZeroOnTheNewSide() {
        assertEquals("--- x\n+++ y\n@@ -1,2 +0,0 @@\n-a\n-b\n", UnifiedDiff.of("a\nb\n", "", "x", "y"));
    }

    @Test
    void crlfLineEndingsCompareLikeLf() {
        assertEquals("", UnifiedDiff.of("a\r\nb\r\n", "a\nb\n", "x", "y"));
    }
}
