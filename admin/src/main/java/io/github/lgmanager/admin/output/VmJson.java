// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import io.github.lgmanager.core.vm.VmView;
import java.util.LinkedHashMap;
import java.util.Map;

/** One VM as lg-admin's --json shows it (list and show share the shape). */
public final class VmJson {
    private VmJson() {
    }

    public static Map<String, Object> of(VmView vm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", vm.name());
        m.put("uuid", vm.uuid());
        m.put("running", vm.running());
        m.put("lookingGlass", vm.enabled());
        m.put("mode", vm.enabled() ? vm.mode() : null);
        m.put("shmPath", vm.enabled() ? vm.shmPath() : null);
        m.put("shmSizeMiB", vm.shmSizeMiB());
        m.put("requiredSizeMiB", vm.requiredSizeMiB());
        m.put("width", vm.enabled() ? vm.width() : null);
        m.put("height", vm.enabled() ? vm.height() : null);
        m.put("hdr", vm.hdr());
        m.put("formula", vm.formula());
        m.put("users", vm.users());
        m.put("autoOpenUsers", vm.autoOpenUsers());
        m.put("clientOptions", vm.clientOptions());
        m.put("aclApplied", vm.aclApplied());
        m.put("spiceHost", vm.spiceHost());
        m.put("spicePort", vm.spicePort());
        m.put("pendingRestart", vm.pendingRestart());
        m.put("lastError", vm.lastError());
        return m;
    }
}
