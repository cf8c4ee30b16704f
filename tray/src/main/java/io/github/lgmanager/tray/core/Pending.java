// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.vm.VmView;
import java.util.function.Predicate;

/**
 * A change the user asked for that the daemon has not finished yet (a libvirt define takes seconds). While one is
 * pending for a VM its items are greyed, so a second click cannot undo the first.
 *
 * @param doing what the menu shows meanwhile, e.g. "switching the Looking Glass display on…"
 * @param done  the VM state that shows the change arrived; the daemon answers before the tray has seen its
 *              property signals, and the item must not flick back to the old state in between
 */
public record Pending(String doing, Predicate<VmView> done) {
    /** Finished with the daemon's answer: nothing to wait for in the VM's properties. */
    public static Pending until(String doing) {
        return new Pending(doing, vm -> true);
    }
}
