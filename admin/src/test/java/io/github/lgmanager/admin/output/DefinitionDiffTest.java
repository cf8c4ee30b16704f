// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.LargeDefinition;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.Secrets;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dry run's diff reads like diff -u: headers, hunks with diff -u's line ranges, three lines of context. */
class DefinitionDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertEquals("", DefinitionDiff.of("a\nb\n", "a\nb\n", "x", "y"));
        assertEquals("", DefinitionDiff.of("win11", new Preview(List.of("nothing to change"), "", "")));
    }

    @Test
    void thePreviewIsLabelledWithTheVmsName() {
        assertEquals("--- win11.xml (now)\n+++ win11.xml (after)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
                DefinitionDiff.of("win11", new Preview(List.of(), "a\nb\nc\n", "a\nB\nc\n")));
    }

    @Test
    void anInsertedLineIsShownWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
        String after = "1\n2\n3\n4\nnew\n5\n6\n7\n8\n";
        assertEquals("--- x\n+++ y\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n",
                DefinitionDiff.of(before, after, "x", "y"));
    }

    @Test
    void aChangedLineIsARemovalThenAnAddition() {
        assertEquals("--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-<size unit='M'>32</size>\n+<size unit='M'>64</size>\n c\n",
                DefinitionDiff.of("a\n<size unit='M'>32</size>\nc\n", "a\n<size unit='M'>64</size>\nc\n", "x", "y"));
    }

    @Test
    void distantChangesMakeSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = ("\n" + before).replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n").substring(1);
        String diff = DefinitionDiff.of(before.toString(), after, "x", "y");
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertTrue(diff.contains("@@ -1,5 +1,5 @@"), diff);
        assertTrue(diff.contains("@@ -16,5 +16,5 @@"), diff);
    }

    @Test
    void changesSixLinesApartShareOneHunkAndSevenApartDoNot() {
        String six = DefinitionDiff.of("a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n", "x", "y");
        String seven = DefinitionDiff.of("a\n1\n2\n3\n4\n5\n6\n7\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\nB\n", "x", "y");
        assertEquals(1, six.lines().filter(l -> l.startsWith("@@")).count(), six);
        assertEquals(2, seven.lines().filter(l -> l.startsWith("@@")).count(), seven);
    }

    @Test
    void aOneLineRangeIsItsStartAloneAsDiffUPrintsIt() {
        assertEquals("--- x\n+++ y\n@@ -1 +1 @@\n-a\n+b\n", DefinitionDiff.of("a\n", "b\n", "x", "y"));
    }

    @Test
    void anEmptySideCountsFromTheLineBefore() {
        assertEquals("--- x\n+++ y\n@@ -1,2 +0,0 @@\n-a\n-b\n", DefinitionDiff.of("a\nb\n", "", "x", "y"));
        assertEquals("--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n", DefinitionDiff.of("", "a\nb\n", "x", "y"));
    }

    @Test
    void crlfLineEndingsCompareLikeLf() {
        assertEquals("", DefinitionDiff.of("a\r\nb\r\n", "a\nb\n", "x", "y"));
    }

    /**
     * A 20,000-line definition, the size that ran lg-daemon out of memory when it made the diff: lg-admin diffs the
     * preview of its enable into the two places that change. Figures are printed, not asserted.
     */
    @Test
    void aTwentyThousandLineDefinitionDiffsIntoItsTwoChanges() throws Exception {
        String xml = LargeDefinition.ofLines(20_000);
        Preview preview = new Preview(List.of(), Secrets.masked(xml), Secrets.masked(DomainXmlEditor.enable(xml,
                LookingGlassSettings.defaultsFor(LargeDefinition.NAME)).xml()));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();

        String diff = DefinitionDiff.of(LargeDefinition.NAME, preview);

        System.out.printf("diff of %d lines: %d ms, %.1f MiB allocated%n", xml.lines().count(),
                (System.nanoTime() - start) / 1_000_000,
                (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1048576.0);
        assertEquals(List.of("@@ -1,6 +1,19 @@", "@@ -19993,5 +20006,9 @@"),
                diff.lines().filter(l -> l.startsWith("@@")).toList(), diff);
        assertTrue(diff.contains("\n+      <lgm:shm name='looking-glass-big'/>\n"), diff);
        assertTrue(diff.endsWith(" <memballoon model='virtio'/>\n+    <shmem name='looking-glass-big'>\n"
                + "+      <model type='ivshmem-plain'/>\n+      <size unit='M'>32</size>\n+    </shmem>\n   </devices>\n"
                + " </domain>\n"), diff);
    }
}
