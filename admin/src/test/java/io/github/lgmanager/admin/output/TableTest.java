// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedTwoSpacesApartWithoutTrailingBlanks() {
        String table = new Table("NAME", "STATE", "LG").row("win10", "running", "on").row("lab", "shut off", "").render();
        assertEquals("NAME   STATE     LG\nwin10  running   on\nlab    shut off\n", table);
    }
}
