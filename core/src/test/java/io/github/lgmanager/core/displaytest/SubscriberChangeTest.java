// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.displaytest.SubscriberChange.Kind;
import io.github.lgmanager.core.lgmp.Subscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberChangeTest {

    @Test
    void aNewSlotIsASubscription() {
        assertEquals(List.of(new SubscriberChange(Kind.SUBSCRIBED, 0x2a)),
                SubscriberChange.between(List.of(), List.of(new Subscriber(0, 0x2a, false))));
    }

    @Test
    void aSlotGoneIsAnUnsubscription() {
        assertEquals(List.of(new SubscriberChange(Kind.UNSUBSCRIBED, 0x2a)),
                SubscriberChange.between(List.of(new Subscriber(0, 0x2a, false)), List.of()));
    }

    @Test
    void aSlotTakenOverByAnotherClientIsALeaveAndAJoin() {
        assertEquals(List.of(new SubscriberChange(Kind.UNSUBSCRIBED, 1), new SubscriberChange(Kind.SUBSCRIBED, 2)),
                SubscriberChange.between(List.of(new Subscriber(0, 1, true)), List.of(new Subscriber(0, 2, false))));
    }

    @Test
    void aTimeoutIsReportedOnce() {
        List<Subscriber> live = List.of(new Subscriber(3, 7, false));
        List<Subscriber> timedOut = List.of(new Subscriber(3, 7, true));
        assertEquals(List.of(new SubscriberChange(Kind.TIMED_OUT, 7)), SubscriberChange.between(live, timedOut));
        assertEquals(List.of(), SubscriberChange.between(timedOut, timedOut));
    }

    @Test
    void linesNameTheClientInHex() {
        assertEquals("client 0000002a subscribed to frames", new SubscriberChange(Kind.SUBSCRIBED, 42).describe());
        assertEquals("client 0000002a unsubscribed", new SubscriberChange(Kind.UNSUBSCRIBED, 42).describe());
        assertEquals("client 0000002a stopped reading frames for over a second (timed out)",
                new SubscriberChange(Kind.TIMED_OUT, 42).describe());
    }
}
