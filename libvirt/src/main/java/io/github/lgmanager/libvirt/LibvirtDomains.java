// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.libvirt;

import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** The libvirt calls lg-daemon makes, on one connection, with Java types only. Every method may block on libvirtd. */
public final class LibvirtDomains implements Domains {
    /** Persistent definition with secrets: without SECURE a redefine would silently drop SPICE/VNC passwords. */
    private static final int PERSISTENT_WITH_SECRETS = Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE;
    private final Connect connection;

    public LibvirtDomains(Connect connection) {
        this.connection = connection;
    }

    @Override
    public List<DomainSummary> list() throws LibvirtFailure {
        try {
            List<DomainSummary> result = new ArrayList<>();
            for (Domain domain : connection.listAllDomains(0)) {
                result.add(new DomainSummary(domain.getUUIDString(), domain.getName(), domain.isActive() == 1));
            }
            result.sort(Comparator.comparing(DomainSummary::name));
            return result;
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot list the VMs", e);
        }
    }

    /** The definition as it will boot next time, passwords included. */
    @Override
    public String persistentXml(String uuid) throws LibvirtFailure {
        try {
            return lookup(uuid).getXMLDesc(PERSISTENT_WITH_SECRETS);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot read the definition of VM " + uuid, e);
        }
    }

    /** The definition as it will boot next time, as any local user sees it read-only (no passwords). */
    @Override
    public String persistentXmlWithoutSecrets(String uuid) throws LibvirtFailure {
        try {
            return lookup(uuid).getXMLDesc(Domain.XMLFlags.INACTIVE);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot read the definition of VM " + uuid, e);
        }
    }

    /** The running VM's XML: actual device paths, SPICE port, the DAC label QEMU runs with. */
    @Override
    public String liveXml(String uuid) throws LibvirtFailure {
        try {
            return lookup(uuid).getXMLDesc(Domain.XMLFlags.SECURE);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot read the running configuration of VM " + uuid, e);
        }
    }

    @Override
    public boolean isRunning(String uuid) throws LibvirtFailure {
        try {
            return lookup(uuid).isActive() == 1;
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot read the state of VM " + uuid, e);
        }
    }

    @Override
    public void define(String xml) throws LibvirtFailure {
        try {
            connection.domainDefineXML(xml);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("libvirt refused the new definition", e);
        }
    }

    @Override
    public void start(String uuid) throws LibvirtFailure {
        try {
            lookup(uuid).create();
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot start the VM", e);
        }
    }

    @Override
    public void shutdown(String uuid) throws LibvirtFailure {
        try {
            lookup(uuid).shutdown();
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot shut the VM down", e);
        }
    }

    /** Hot-plugs a device into the running VM only (the persistent definition is changed separately). */
    @Override
    public void attachLive(String uuid, String deviceXml) throws LibvirtFailure {
        try {
            lookup(uuid).attachDeviceFlags(deviceXml, Domain.DeviceModifyFlags.LIVE);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot attach the device to the running VM", e);
        }
    }

    @Override
    public void detachLive(String uuid, String deviceXml) throws LibvirtFailure {
        try {
            lookup(uuid).detachDeviceFlags(deviceXml, Domain.DeviceModifyFlags.LIVE);
        } catch (LibvirtException e) {
            throw new LibvirtFailure("cannot detach the device from the running VM", e);
        }
    }

    private Domain lookup(String uuid) throws LibvirtException {
        return connection.domainLookupByUUIDString(uuid);
    }
}
