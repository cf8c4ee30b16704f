// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import java.util.List;

/** The operations callers may ask for, after authorization. Implemented by the supervisor, one VM at a time. */
public interface VmCommands {
    /** {@code callerUid}: whose auto-open choice the request makes when it names nobody. */
    List<String> enable(String uuid, EnableRequest request, int callerUid) throws VmCommandException;

    /** What enable would do: its notes and the masked definition before and after (lg-admin makes the diff); changes nothing. */
    Preview previewEnable(String uuid, EnableRequest request, int callerUid) throws VmCommandException;

    /** What disable would do; changes nothing. */
    Preview previewDisable(String uuid, boolean forget) throws VmCommandException;

    /** The persistent definition as libvirt's read-only view shows it (no passwords). */
    String xml(String uuid) throws VmCommandException;

    /** Every change asked for, as one redefinition; the notes say what changed (or that nothing did). */
    List<String> configure(String uuid, SettingsChange change, int callerUid) throws VmCommandException;

    List<String> disable(String uuid, boolean forget) throws VmCommandException;

    void start(String uuid) throws VmCommandException;

    void shutdown(String uuid) throws VmCommandException;

    /** Verifies and (re)grants the shared memory of a running VM, then returns its display. */
    VmView requestOpen(String uuid) throws VmCommandException;

    /** The required size for a resolution, for dialogs; changes nothing. */
    long computeShmSize(int width, int height, boolean hdr, String formula) throws VmCommandException;

    /** True when this uid is one of the VM's listed users (who may open the display without a prompt). */
    boolean isListedUser(String uuid, int uid);
}
