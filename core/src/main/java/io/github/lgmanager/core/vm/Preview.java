// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.List;

/**
 * What a change would do, computed like the change itself but not applied: notes for the user, and the persistent
 * definition before and after the change with its secrets masked (both "" when nothing would change). There is no
 * diff here: a diff costs memory that grows with the definition, and lg-daemon runs in a small heap; whoever shows
 * the change diffs it (lg-admin's --dry-run).
 */
public record Preview(List<String> notes, String before, String after) {
}
