// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.displaytest;

import io.github.lgmanager.core.lgmp.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A client that came, went or stopped reading, seen by comparing the frame queue's subscriber slots. */
public record SubscriberChange(Kind kind, int clientId) {

    public enum Kind {
        SUBSCRIBED, UNSUBSCRIBED, TIMED_OUT
    }

    /** What changed from one look at the slots to the next; a slot reused by another client is a leave and a join. */
    public static List<SubscriberChange> between(List<Subscriber> before, List<Subscriber> after) {
        Map<Integer, Subscriber> old = before.stream().collect(Collectors.toMap(Subscriber::slot, Function.identity()));
        Map<Integer, Subscriber> now = after.stream().collect(Collectors.toMap(Subscriber::slot, Function.identity()));
        List<SubscriberChange> changes = new ArrayList<>();
        for (Subscriber gone : before) {
            Subscriber same = now.get(gone.slot());
            if (same == null || same.clientId() != gone.clientId()) {
                changes.add(new SubscriberChange(Kind.UNSUBSCRIBED, gone.clientId()));
            }
        }
        for (Subscriber s : after) {
            Subscriber was = old.get(s.slot());
            boolean isNew = was == null || was.clientId() != s.clientId();
            if (isNew) {
                changes.add(new SubscriberChange(Kind.SUBSCRIBED, s.clientId()));
            }
            if (s.timedOut() && (isNew || !was.timedOut())) {
                changes.add(new SubscriberChange(Kind.TIMED_OUT, s.clientId()));
            }
        }
        return List.copyOf(changes);
    }

    /** The line lg-admin prints. */
    public String describe() {
        String client = String.format("client %08x", clientId);
        return switch (kind) {
            case SUBSCRIBED -> client + " subscribed to frames";
            case UNSUBSCRIBED -> client + " unsubscribed";
            case TIMED_OUT -> client + " stopped reading frames for over a second (timed out)";
        };
    }
}
