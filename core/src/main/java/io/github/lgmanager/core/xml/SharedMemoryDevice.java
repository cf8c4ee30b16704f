// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import io.github.lgmanager.core.settings.ShmMode;

/**
 * The managed shared memory as a (live) domain XML configures it.
 *
 * @param kind      shm file or kvmfr device
 * @param path      {@code /dev/shm/NAME} or the kvmfr device path: what the client opens
 * @param sizeBytes the configured size, or -1 if the XML does not say
 */
public record SharedMemoryDevice(ShmMode.Kind kind, String path, long sizeBytes) {
}
