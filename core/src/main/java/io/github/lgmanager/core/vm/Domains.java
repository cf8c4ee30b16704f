// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import java.util.List;

/**
 * What lg-manager asks of libvirt, with plain Java types: the one seam between the VM logic and libvirt, so every
 * decision can be tested with domains held in memory. Implemented over libvirt-java by
 * {@code io.github.lgmanager.libvirt.LibvirtDomains}. Every method may block on libvirtd.
 */
public interface Domains {
    /** Every defined or running VM, in name order. */
    List<DomainSummary> list() throws LibvirtFailure;

    /** The definition as it will boot next time, passwords included (a redefine without them would drop them). */
    String persistentXml(String uuid) throws LibvirtFailure;

    /** The definition as it will boot next time, as any local user sees it read-only (no passwords). */
    String persistentXmlWithoutSecrets(String uuid) throws LibvirtFailure;

    /** The running VM's XML: actual device paths, SPICE port, the DAC label QEMU runs with. */
    String liveXml(String uuid) throws LibvirtFailure;

    boolean isRunning(String uuid) throws LibvirtFailure;

    void define(String xml) throws LibvirtFailure;

    void start(String uuid) throws LibvirtFailure;

    void shutdown(String uuid) throws LibvirtFailure;

    /** Hot-plugs a device into the running VM only (the persistent definition is changed separately). */
    void attachLive(String uuid, String deviceXml) throws LibvirtFailure;

    void detachLive(String uuid, String deviceXml) throws LibvirtFailure;
}
