// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerCommandTest {
    private static final DisplayTarget TCP = new DisplayTarget("/dev/shm/looking-glass", "127.0.0.1", 5901);

    @Test
    void theDisplayFlagsComeFirstThenTheVmsOptionsThenTheUsersOwn() {
        assertEquals(List.of("looking-glass-client", "-f", "/dev/shm/looking-glass", "-c", "127.0.0.1", "-p", "5901",
                        "egl:scale=2", "win:fullScreen=yes"),
                ViewerCommand.build("looking-glass-client", TCP, List.of("egl:scale=2"), List.of("win:fullScreen=yes")));
    }

    @Test
    void aSpiceUnixSocketIsPassedAsHostWithPortZero() {
        DisplayTarget socket = new DisplayTarget("/dev/kvmfr0", "/run/libvirt/qemu/win11/spice.sock", 0);
        assertEquals(List.of("looking-glass-client", "-f", "/dev/kvmfr0", "-c", "/run/libvirt/qemu/win11/spice.sock", "-p", "0"),
                ViewerCommand.build("looking-glass-client", socket, List.of(), List.of()));
        assertTrue(socket.spiceIsUnixSocket());
    }

    @Test
    void aVmWithoutSpiceGraphicsSwitchesSpiceOffInsteadOfGuessingAPort() {
        DisplayTarget none = new DisplayTarget("/dev/shm/looking-glass", "", 0);
        assertEquals(List.of("looking-glass-client", "-f", "/dev/shm/looking-glass", "spice:enable=no"),
                ViewerCommand.build("looking-glass-client", none, List.of(), List.of()));
    }

    @Test
    void aConfiguredViewerKeepsItsOwnWordsAndNoShellEverSeesThem() {
        List<String> argv = ViewerCommand.build("  /opt/lg/client   -C /etc/lg.ini ", TCP, List.of("win:title=a;b"),
                List.of("$(rm -rf ~)"));
        assertEquals(List.of("/opt/lg/client", "-C", "/etc/lg.ini", "-f", "/dev/shm/looking-glass", "-c", "127.0.0.1", "-p",
                "5901", "win:title=a;b", "$(rm -rf ~)"), argv);
    }

    /** Stored before lg-daemon refused them, or sent by a daemon that does not: none reaches the viewer. */
    @Test
    void theVmsOptionsNeverChooseTheSharedMemorySpiceEndpointOrClipboard() {
        List<String> stored = List.of("spice:host=10.0.0.5", "SPICE:Port=5902", "app:shmFile=/dev/shm/other",
                "lgmp:shmDevice=/dev/kvmfr1", "App:ConfigFile=/tmp/evil.ini", "spice:clipboardToVM=yes",
                "clipboard:toLocal=yes", "spice:enable=yes", "-f", "/dev/shm/other", "-C", "/tmp/evil.ini", "win:fullScreen",
                "egl:scale=2", "spice:enable=no");
        DisplayTarget none = new DisplayTarget("/dev/shm/looking-glass", "", 0);

        assertEquals(List.of("looking-glass-client", "-f", "/dev/shm/looking-glass", "-c", "127.0.0.1", "-p", "5901",
                "egl:scale=2", "spice:enable=no", "spice:host=10.0.0.9"),
                ViewerCommand.build("looking-glass-client", TCP, stored, List.of("spice:host=10.0.0.9")));
        assertEquals(List.of("looking-glass-client", "-f", "/dev/shm/looking-glass", "spice:enable=no", "egl:scale=2",
                "spice:enable=no"), ViewerCommand.build("looking-glass-client", none, stored, List.of()));
    }

    @Test
    void anEmptyViewerCommandIsRefusedWithTheWayOut() {
        var e = assertThrows(IllegalArgumentException.class, () -> ViewerCommand.build(" ", TCP, List.of(), List.of()));
        assertTrue(e.getMessage().contains("--viewer"), e.getMessage());
    }
}
