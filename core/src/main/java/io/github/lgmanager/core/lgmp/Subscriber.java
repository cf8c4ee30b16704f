// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/** One occupied subscriber slot of a queue as the host sees it. */
public record Subscriber(int slot, int clientId, boolean timedOut) {
}
