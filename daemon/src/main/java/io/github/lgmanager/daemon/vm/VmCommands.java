// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.EnableRequest;
import java.util.List;

/** The operations callers may ask for, after authorization. Implemented by the supervisor, one VM at a time. */
public interface VmCommands {
    List<String> enable(String uuid, EnableRequest request) throws VmCommandException;

    /** What enable would do: its notes and the masked definition before and after (lg-admin makes the diff); changes nothing. */
    Preview previewEnable(String uuid, EnableRequest request) throws VmCommandException;

    /** What disable would do; changes nothing. */
    Preview previewDisable(String uuid) throws VmCommandException;

    /** The persistent definition as libvirt's read-only view shows it (no passwords). */
    String xml(String uuid) throws VmCommandException;

    List<String> resize(String uuid, int width, int height, boolean hdr) throws VmCommandException;

    List<String> disable(String uuid) throws VmCommandException;

    void setUsers(String uuid, List<String> users) throws VmCommandException;

    void setAutoOpen(String uuid, boolean autoOpen) throws VmCommandException;

    void setClientOptions(String uuid, List<String> options) throws VmCommandException;

    void start(String uuid) throws VmCommandException;

    void shutdown(String uuid) throws VmCommandException;

    /** Verifies and (re)grants the shared memory of a running VM, then returns its display. */
    VmView requestOpen(String uuid) throws VmCommandException;

    /** The required size for a resolution, for dialogs; changes nothing. */
    long computeShmSize(int width, int height, boolean hdr, String formula) throws VmCommandException;

    /** True when this uid is one of the VM's listed users (who may toggle auto-open and open without a prompt). */
    boolean isListedUser(String uuid, int uid);
}
