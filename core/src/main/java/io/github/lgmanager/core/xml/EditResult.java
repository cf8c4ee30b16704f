// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.List;

/**
 * The outcome of an edit.
 *
 * @param xml     the new domain XML (the input itself when nothing changed)
 * @param notes   one line per change, for lg-admin's output and the daemon's log
 * @param changed false if {@code xml} is the input, unchanged: nothing to redefine
 */
public record EditResult(String xml, List<String> notes, boolean changed) {

    public EditResult {
        notes = List.copyOf(notes);
    }
}
