// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.DomainSummary;
import io.github.lgmanager.core.vm.Domains;
import io.github.lgmanager.core.vm.LibvirtFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt as the supervisor sees it, held in memory: per UUID a persistent definition, a live XML and whether the
 * VM runs. Records what the code under test asked for (defines, hot-plugs, reads of the live XML), and can be told
 * to fail a VM's reads. Only libvirt's answers are faked; every decision stays the supervisor's.
 */
final class InMemoryDomains implements Domains {
    private static final Pattern UUID = Pattern.compile("<uuid>([^<]+)</uuid>");
    private static final Pattern NAME = Pattern.compile("<name>([^<]+)</name>");

    static final class Guest {
        final String uuid;
        String name;
        String persistent;
        String live = "";
        boolean running;

        Guest(String uuid, String name, String persistent) {
            this.uuid = uuid;
            this.name = name;
            this.persistent = persistent;
        }
    }

    private final Map<String, Guest> guests = new LinkedHashMap<>();
    /** Every define, in order: the XML given to libvirt. */
    final List<String> defined = new ArrayList<>();
    /** Every live hot-plug, in order: the device XML. */
    final List<String> attached = new ArrayList<>();
    /** Every read of a live XML, by VM name: the start → DisplayReady path must make exactly one. */
    final List<String> liveReads = new ArrayList<>();
    /** Every read of a persistent definition, by VM name. */
    final List<String> persistentReads = new ArrayList<>();
    /** A VM whose definition libvirt refuses to give (LibvirtFailure). */
    final List<String> refusing = new ArrayList<>();
    /** When set, listing the VMs fails as it does when libvirtd goes away in the middle of a reconcile. */
    boolean listRefused;
    /** A VM whose definition read throws something unexpected, as a bug in a lower layer would. */
    final List<String> broken = new ArrayList<>();

    /** Defines a VM as 'virsh define' would, without the DEFINED event: the test sends events itself. */
    Guest put(String persistentXml) {
        String uuid = find(UUID, persistentXml);
        Guest guest = guests.computeIfAbsent(uuid, u -> new Guest(u, find(NAME, persistentXml), persistentXml));
        guest.name = find(NAME, persistentXml);
        guest.persistent = persistentXml;
        return guest;
    }

    Guest guest(String uuid) {
        return guests.get(uuid);
    }

    void remove(String uuid) {
        guests.remove(uuid);
    }

    @Override
    public List<DomainSummary> list() throws LibvirtFailure {
        if (listRefused) {
            throw new LibvirtFailure("cannot list the VMs: End of file while reading data: Input/output error");
        }
        return guests.values().stream().sorted(Comparator.comparing(g -> g.name))
                .map(g -> new DomainSummary(g.uuid, g.name, g.running)).toList();
    }

    @Override
    public String persistentXml(String uuid) throws LibvirtFailure {
        Guest guest = existing(uuid);
        persistentReads.add(guest.name);
        if (refusing.contains(uuid)) {
            throw new LibvirtFailure("internal error: cannot parse the domain configuration");
        }
        if (broken.contains(uuid)) {
            throw new IllegalStateException("a bug below the supervisor");
        }
        return guest.persistent;
    }

    @Override
    public String persistentXmlWithoutSecrets(String uuid) throws LibvirtFailure {
        return persistentXml(uuid);
    }

    @Override
    public String liveXml(String uuid) throws LibvirtFailure {
        Guest guest = existing(uuid);
        liveReads.add(guest.name);
        if (!guest.running) {
            throw new LibvirtFailure("Requested operation is not valid: domain is not running");
        }
        return guest.live;
    }

    @Override
    public boolean isRunning(String uuid) throws LibvirtFailure {
        return existing(uuid).running;
    }

    @Override
    public void define(String xml) throws LibvirtFailure {
        defined.add(xml);
        put(xml);
    }

    @Override
    public void start(String uuid) throws LibvirtFailure {
        existing(uuid).running = true;
    }

    @Override
    public void shutdown(String uuid) throws LibvirtFailure {
        existing(uuid).running = false;
    }

    @Override
    public void attachLive(String uuid, String deviceXml) throws LibvirtFailure {
        Guest guest = existing(uuid);
        attached.add(deviceXml);
        guest.live = guest.live.replace("</devices>", deviceXml + "</devices>");
    }

    @Override
    public void detachLive(String uuid, String deviceXml) throws LibvirtFailure {
        Guest guest = existing(uuid);
        guest.live = guest.live.replace(deviceXml, "");
    }

    private Guest existing(String uuid) throws LibvirtFailure {
        Guest guest = guests.get(uuid);
        if (guest == null) {
            throw new LibvirtFailure("Domain not found: no domain with matching uuid '" + uuid + "'");
        }
        return guest;
    }

    private static String find(Pattern pattern, String xml) {
        Matcher m = pattern.matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("test XML without " + pattern + ": " + xml);
        }
        return m.group(1).strip();
    }
}
