// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The people the Settings dialog offers as a VM's users: the host's ordinary accounts (uid 1000–59999, Debian's
 * range for people; system accounts and nobody are never desktop users) plus whoever the VM lists already.
 */
public final class DesktopUsers {
    static final int FIRST_UID = 1000;
    static final int LAST_UID = 59999;

    private DesktopUsers() {
    }

    /** @param passwd the text of /etc/passwd */
    public static List<String> choices(String passwd, Collection<String> listed) {
        TreeSet<String> names = new TreeSet<>(listed);
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length < 3) {
                continue;
            }
            try {
                int uid = Integer.parseInt(fields[2]);
                if (uid >= FIRST_UID && uid <= LAST_UID) {
                    names.add(fields[0]);
                }
            } catch (NumberFormatException notAUid) {
                // a damaged line offers nobody
            }
        }
        return new ArrayList<>(names);
    }
}
