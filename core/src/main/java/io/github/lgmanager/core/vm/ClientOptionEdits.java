// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import java.util.ArrayList;
import java.util.List;

/** A VM's looking-glass-client options after a {@link SettingsChange}: replaced, cleared, or edited by key. */
final class ClientOptionEdits {
    private ClientOptionEdits() {
    }

    static List<ClientOption> apply(String vmName, List<ClientOption> current, SettingsChange c)
            throws InvalidSettingsException {
        if (c.clientOptions().isPresent()) {
            return RequestValues.clientOptions(c.clientOptions().get());
        }
        if (c.clearClientOptions()) {
            return List.of();
        }
        List<ClientOption> next = new ArrayList<>(current);
        for (String key : c.removeClientOptions()) {
            // the client reads option names without regard to case, so a key is one option however it is spelt
            if (!next.removeIf(o -> o.key().equalsIgnoreCase(key.strip()))) {
                throw new InvalidSettingsException("VM '" + vmName + "' has no client option '" + key + "' (it has: "
                        + (current.isEmpty() ? "none" : String.join(" ", current.stream().map(ClientOption::argument)
                                .toList())) + "); nothing was changed");
            }
        }
        for (ClientOption added : RequestValues.clientOptions(c.addClientOptions())) {
            int same = indexOfKey(next, added.key());
            if (same >= 0) {
                next.set(same, added); // a new value for an option the VM has: it keeps its place
            } else {
                next.add(added);
            }
        }
        return next;
    }

    private static int indexOfKey(List<ClientOption> options, String key) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).key().equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }
}
