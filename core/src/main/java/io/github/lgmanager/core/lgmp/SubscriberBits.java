// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/**
 * A queue's 64-bit subscriber word: the high half has a bit per subscribed slot, the low half a bit per slot
 * that timed out (still subscribed until a new client reclaims it after its timeout).
 */
final class SubscriberBits {
    private SubscriberBits() {
    }

    static int subscribed(long subs) {
        return (int) (subs >>> 32);
    }

    static int timedOut(long subs) {
        return (int) subs;
    }
}
