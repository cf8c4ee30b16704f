// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.api.BusNames;
import org.junit.jupiter.api.Test;

class DaemonClientTest {
    /** A VM whose properties cannot be read is still known by its UUID, so its VmRemoved finds its session. */
    @Test
    void aVmsObjectPathTurnsBackIntoItsUuid() {
        String uuid = "0f1e2d3c-0000-4000-8000-000000000001";
        assertEquals(uuid, DaemonClient.uuidOf(BusNames.vmPath(uuid)));
    }
}
