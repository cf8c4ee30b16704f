package io.github.lgmanager.api;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * PreviewEnable's and PreviewDisable's two out arguments (as notes, s diff): the notes the change would return
 * and a unified diff of the definition. dbus-java sends a returned Struct's fields as separate out arguments and
 * reads each field's D-Bus type from its declared Java type: hence an array (a List field loses its element type)
 * and a Struct (a Tuple with these fields fails when the reply is marshalled).
 */
public final class ChangePreview extends Struct {
    @Position(0)
    private final String[] notes;
    @Position(1)
    private final String diff;

    public ChangePreview(String[] notes, String diff) {
        this.notes = notes.clone();
        this.diff = diff;
    }

    public static ChangePreview of(List<String> notes, String diff) {
        return new ChangePreview(notes.toArray(String[]::new), diff);
    }

    public List<String> getNotes() {
        return List.of(notes);
    }

    public String getDiff() {
        return diff;
    }
}
