// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

import io.github.lgmanager.core.vm.Preview;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * PreviewEnable's and PreviewDisable's three out arguments (as notes, s before, s after): a {@link Preview}. dbus-java
 * sends a returned Struct's fields as separate out arguments and reads each field's D-Bus type from its declared Java
 * type: hence an array (a List field loses its element type) and a Struct (a Tuple with these fields fails when the
 * reply is marshalled).
 */
public final class ChangePreview extends Struct {
    @Position(0)
    private final String[] notes;
    @Position(1)
    private final String before;
    @Position(2)
    private final String after;

    public ChangePreview(String[] notes, String before, String after) {
        this.notes = notes.clone();
        this.before = before;
        this.after = after;
    }

    public static ChangePreview of(Preview preview) {
        return new ChangePreview(preview.notes().toArray(String[]::new), preview.before(), preview.after());
    }

    /** The preview, its notes a list the caller may add to. */
    public Preview toPreview() {
        return new Preview(new ArrayList<>(List.of(notes)), before, after);
    }

    public List<String> getNotes() {
        return List.of(notes);
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }
}
