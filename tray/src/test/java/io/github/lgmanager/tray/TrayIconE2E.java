// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.Xvfb;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tray stack we ship against: an SWT tray icon really embeds in an XEmbed tray host (trayer) under Xvfb. */
class TrayIconE2E {

    @Test
    void swtTrayIconIsEmbeddedInTheTrayHostsPanel() throws Exception {
        try (Xvfb x = Xvfb.start()) {
            x.startTrayHost();
            assertFalse(panelHoldsSwtIcon(x.windowTree()), "the panel is empty before the icon is shown");

            Process probe = startProbe(x.display());
            try {
                assertEquals("shown", firstLineOf(probe));
                assertTrue(waitForIcon(x), "no SWT window was reparented into trayer's panel:\n" + x.windowTree());
            } finally {
                probe.getOutputStream().close();
                if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                    probe.destroyForcibly();
                }
            }
        }
    }

    private static Process startProbe(String display) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TrayIconProbe.class.getName())
                .redirectError(new File("target/tray-probe.stderr"));
        builder.environment().put("DISPLAY", display);
        return builder.start();
    }

    private static String firstLineOf(Process process) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (java.io.IOException e) {
                return "read failed: " + e;
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private static boolean waitForIcon(Xvfb x) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (panelHoldsSwtIcon(x.windowTree())) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** True when an SWT-class window sits anywhere below trayer's "panel" window in the xwininfo tree. */
    static boolean panelHoldsSwtIcon(String tree) {
        return panelHolds(tree, "(\"SWT\" \"SWT\")");
    }

    /**
     * True when a window of this class (xwininfo's {@code ("name" "class")}) sits anywhere below trayer's "panel"
     * window. SWT names its windows after Display.setAppName, "SWT" when unset.
     */
    static boolean panelHolds(String tree, String windowClass) {
        List<String> lines = tree.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("\"panel\": (\"panel\" \"trayer\")")) {
                continue;
            }
            int panelIndent = indentOf(lines.get(i));
            for (int j = i + 1; j < lines.size() && (lines.get(j).isBlank() || indentOf(lines.get(j)) > panelIndent); j++) {
                if (lines.get(j).contains(windowClass)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }
}
