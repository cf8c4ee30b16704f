package io.github.lgmanager.api;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** PreviewEnable's and PreviewDisable's reply: the notes the change would return and a unified diff of the definition. */
public final class ChangePreview extends Tuple {
    @Position(0)
    private final List<String> notes;
    @Position(1)
    private final String diff;

    public ChangePreview(List<String> notes, String diff) {
        this.notes = notes;
        this.diff = diff;
    }

    public List<String> getNotes() {
        return notes;
    }

    public String getDiff() {
        return diff;
    }
}
