// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one assertion every check test makes: the verdict, and for WARN and FAIL a fix the user can act on. */
final class CheckAssertions {

    private CheckAssertions() {
    }

    static void assertCheck(Status status, String fixPart, Check check) {
        assertEquals(status, check.status(), check.toString());
        if (status == Status.WARN || status == Status.FAIL) {
            assertTrue(check.fix().contains(fixPart), check.fix());
        }
    }
}
