// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

/** What {@link LgmpHost#post} did. */
public enum PostOutcome {
    /** The message is in the queue, pending for every live subscriber. */
    POSTED,
    /** Nobody is subscribed (or every subscriber timed out): nothing was written, as the C host does. */
    NO_SUBSCRIBERS,
    /** Every slot but the one kept empty is in use: try again once a subscriber is done. */
    QUEUE_FULL
}
