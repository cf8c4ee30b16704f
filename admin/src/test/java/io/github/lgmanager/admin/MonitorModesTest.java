// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorModesTest {

    private static void connector(Path drm, String name, String status, String modes) throws Exception {
        Path dir = Files.createDirectories(drm.resolve(name));
        Files.writeString(dir.resolve("status"), status + "\n");
        Files.writeString(dir.resolve("modes"), modes);
    }

    @Test
    void theLargestModeOfAnyConnectedMonitorWins(@TempDir Path drm) throws Exception {
        connector(drm, "card0-DP-1", "connected", "2560x1440\n1920x1080\n1280x720\n");
        connector(drm, "card0-DP-2", "connected", "3440x1440\n2560x1080\n");
        connector(drm, "card0-HDMI-A-1", "disconnected", "7680x4320\n");
        Files.writeString(drm.resolve("version"), "drm 1.1.0");
        MonitorModes.Chosen chosen = MonitorModes.parse("auto", drm);
        assertEquals(new Resolution(3440, 1440), chosen.resolution());
        assertEquals("resolution auto: 3440x1440 (largest mode of card0-DP-2)", chosen.explanation().orElseThrow());
    }

    @Test
    void interlacedAndOddLinesAreHandled(@TempDir Path drm) throws Exception {
        connector(drm, "card0-HDMI-A-1", "connected", "1920x1080i\ngarbage\n\n720x480\n");
        assertEquals(new Resolution(1920, 1080), MonitorModes.parse("AUTO", drm).resolution());
    }

    @Test
    void noConnectedMonitorIsAnErrorWithTheWayOut(@TempDir Path drm) throws Exception {
        connector(drm, "card0-DP-1", "disconnected", "");
        InvalidResolutionException e = assertThrows(InvalidResolutionException.class, () -> MonitorModes.parse("auto", drm));
        assertTrue(e.getMessage().contains("WIDTHxHEIGHT"), e.getMessage());
        assertThrows(InvalidResolutionException.class, () -> MonitorModes.parse("auto", drm.resolve("missing")));
    }

    @Test
    void anythingElseIsAnOrdinaryResolution(@TempDir Path drm) throws Exception {
        MonitorModes.Chosen chosen = MonitorModes.parse("1440p", drm);
        assertEquals(new Resolution(2560, 1440), chosen.resolution());
        assertTrue(chosen.explanation().isEmpty());
    }
}
