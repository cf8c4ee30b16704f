// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;

/**
 * What lg-admin asks of whoever manages the VMs: lg-daemon over D-Bus, or the daemon's own logic in-process
 * (--connect). Both raise one-line {@link AdminException}s that name the problem and the way out.
 */
public interface VmBackend extends AutoCloseable {

    /** Every VM, in name order. */
    List<VmView> list() throws AdminException;

    /** The VM with this name; the failure names the known ones. */
    default VmView find(String name) throws AdminException {
        List<VmView> all = list();
        return all.stream().filter(vm -> vm.name().equals(name)).findFirst()
                .orElseThrow(() -> new AdminException(notFound(name, all)));
    }

    static String notFound(String name, List<VmView> all) {
        List<String> known = all.stream().map(VmView::name).toList();
        return "no VM named '" + name + "' (known: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")";
    }

    List<String> enable(VmView vm, EnableRequest request) throws AdminException;

    Preview previewEnable(VmView vm, EnableRequest request) throws AdminException;

    /** Every change in one redefinition (none when nothing differs); the notes say which. */
    List<String> configure(VmView vm, SettingsChange change) throws AdminException;

    /** Removes our device; {@code forget} also removes the settings kept for the next enable. */
    List<String> disable(VmView vm, boolean forget) throws AdminException;

    Preview previewDisable(VmView vm, boolean forget) throws AdminException;

    /** The persistent definition without passwords. */
    String xml(VmView vm) throws AdminException;

    /**
     * Gets ready for a change that polkit may want a password for: true when a password prompt may then appear on
     * the terminal (so nothing else should write there while the change is under way). Backends without polkit: false.
     */
    default boolean preparePasswordPrompt() throws AdminException {
        return false;
    }

    /** "" when the backend reaches libvirt, else why not. */
    String libvirtProblem();

    /** How this backend reaches libvirt, for doctor: "lg-daemon on the system bus" or "libvirt at URI". */
    String description();

    @Override
    void close();
}
