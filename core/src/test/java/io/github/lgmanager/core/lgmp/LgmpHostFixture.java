// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import static io.github.lgmanager.core.lgmp.Bytes.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.lgmp.SimulatedClient.Status;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** The memory, clock and host the LGMP host's tests share; clients are {@link SimulatedClient}s on the same bytes. */
abstract class LgmpHostFixture {
    protected static final byte[] UDATA = {1, 2, 3, 4, 5, 6, 7};
    /** Where allocations start after a header with 7 bytes of user data: 5760 + 7 rounded up to 4. */
    protected static final int FIRST_FREE = 5768;
    protected static final int Q0 = 32;
    protected static final int Q1 = 32 + 1144;

    protected final AtomicLong now = new AtomicLong(10_000);
    protected final ByteBuffer memory = ByteBuffer.allocateDirect(1 << 20);

    protected LgmpHost start() throws LgmpException {
        return LgmpHost.start(memory, UDATA, now::get, ints(0x1234abcd));
    }

    protected SimulatedClient connectedClient(LgmpHost host, int id) throws LgmpException {
        SimulatedClient client = new SimulatedClient(memory, id, now::get);
        now.addAndGet(10);
        host.process();
        assertEquals(Status.OK, client.sessionInit());
        return client;
    }
}
