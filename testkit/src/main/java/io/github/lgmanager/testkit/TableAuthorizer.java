// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.api.auth.Caller;
import java.util.EnumSet;
import java.util.Set;

/**
 * Stands in for polkitd in the integration tier (no system bus there): a table of allowed actions that the
 * test changes. The end-to-end tier uses the real polkitd.
 */
public final class TableAuthorizer implements Authorizer {
    private final Set<Action> allowed = EnumSet.allOf(Action.class);
    private final Set<Action> asked = EnumSet.noneOf(Action.class);

    public synchronized void deny(Action action) {
        allowed.remove(action);
    }

    public synchronized void allowAll() {
        allowed.addAll(EnumSet.allOf(Action.class));
    }

    public synchronized boolean wasAsked(Action action) {
        return asked.contains(action);
    }

    @Override
    public synchronized void check(Caller caller, Action action) throws NotAuthorizedException {
        asked.add(action);
        if (!allowed.contains(action)) {
            throw new NotAuthorizedException("not authorized for " + action.id() + " (denied by the test)");
        }
    }
}
