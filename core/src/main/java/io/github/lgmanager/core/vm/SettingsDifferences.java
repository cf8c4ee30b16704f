// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a change did to the settings a user sees, one line each with the value before: "users: a, b (was a)". */
final class SettingsDifferences {
    private SettingsDifferences() {
    }

    static List<String> between(LookingGlassSettings before, LookingGlassSettings after) {
        List<String> lines = new ArrayList<>();
        line(lines, "resolution", sizing(before), sizing(after));
        line(lines, "users", list(before.users()), list(after.users()));
        line(lines, "auto-open", list(before.autoOpenUsers()), list(after.autoOpenUsers()));
        line(lines, "client options", options(before), options(after));
        return lines;
    }

    private static void line(List<String> lines, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            lines.add(what + ": " + after + " (was " + before + ")");
        }
    }

    private static String sizing(LookingGlassSettings s) {
        return s.resolution() + (s.hdr() ? " HDR" : " SDR") + ", formula " + s.formula().id() + ", " + s.sizeMiB()
                + " MiB";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String options(LookingGlassSettings s) {
        return s.clientOptions().isEmpty() ? "none"
                : String.join(" ", s.clientOptions().stream().map(ClientOption::argument).toList());
    }
}
