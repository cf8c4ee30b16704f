// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api.auth;

/**
 * Decides whether a caller may perform an action. The daemon uses polkit; the integration tier, which runs
 * without polkitd, passes a table of its own.
 */
public interface Authorizer {

    /** Returns normally when allowed; otherwise throws with a message that says what to do. */
    void check(Caller caller, Action action) throws NotAuthorizedException;

    final class NotAuthorizedException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAuthorizedException(String message) {
            super(message);
        }
    }
}
