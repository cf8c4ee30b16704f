package io.github.lgmanager.core.vm;

import java.util.List;

/** What a change would do, computed like the change itself but not applied: notes for the user and a unified diff. */
public record Preview(List<String> notes, String diff) {
}
