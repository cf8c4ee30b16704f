// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.auth;

import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.auth.Caller;
import io.github.lgmanager.api.auth.Authorizer;
/**
 * For a daemon on a session or private bus (development, tests): polkit's bus-name subjects only exist on the
 * system bus, so there only root and the daemon's own user may change anything.
 */
public final class SameUserAuthorizer implements Authorizer {
    private final int ownUid;

    public SameUserAuthorizer(int ownUid) {
        this.ownUid = ownUid;
    }

    @Override
    public void check(Caller caller, Action action) throws NotAuthorizedException {
        if (caller.isRoot() || caller.uid() == ownUid) {
            return;
        }
        throw new NotAuthorizedException("not authorized for " + action.id() + ": this lg-daemon runs on a private bus"
                + " and accepts changes only from uid " + ownUid + " or root");
    }
}
