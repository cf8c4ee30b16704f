// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link VmSupervisor} on its own thread, over libvirt held in memory and a display access that records
 * instead of touching files. Each step waits until the supervisor thread has done it, so a test reads the
 * timeline (file and ACL calls, published signals, in order) right after.
 */
final class SupervisorFixture implements AutoCloseable {
    /** The uid QEMU runs as in every live XML here (Debian's libvirt-qemu). */
    static final int QEMU_UID = 64055;
    final List<String> timeline = new CopyOnWriteArrayList<>();
    final InMemoryDomains domains = new InMemoryDomains();
    final RecordingDisplayAccess access = new RecordingDisplayAccess(timeline);
    final RecordingPublisher published = new RecordingPublisher(timeline);
    final VmSupervisor supervisor = new VmSupervisor(access);

    SupervisorFixture() {
        supervisor.publishTo(published);
    }

    /** libvirt connects: the supervisor reconciles everything defined so far. */
    SupervisorFixture connect() {
        supervisor.connected(domains);
        sync();
        return this;
    }

    void disconnect() {
        supervisor.disconnected("connection closed (test)");
        sync();
    }

    void event(String name, VmEvent.Kind kind) {
        supervisor.event(new VmEvent(uuidOf(name), name, kind));
        sync();
    }

    /** Waits until everything queued on the supervisor thread before now has run. */
    void sync() {
        try {
            supervisor.onSupervisor(() -> null);
        } catch (VmCommandException e) {
            throw new AssertionError(e);
        }
    }

    VmCommands commands() {
        return supervisor.commands();
    }

    /** The timeline from a mark on: what one step did. */
    List<String> since(int mark) {
        return List.copyOf(timeline.subList(mark, timeline.size()));
    }

    int mark() {
        return timeline.size();
    }

    VmView view(String name) {
        VmView view = published.views.get(uuidOf(name));
        if (view == null) {
            throw new AssertionError("nothing was published for " + name + "; timeline: " + timeline);
        }
        return view;
    }

    // ---- guests ---------------------------------------------------------------------------------------------

    /** Defined, stopped, without Looking Glass. */
    InMemoryDomains.Guest plain(String name) {
        return domains.put(definition(name));
    }

    /** Defined and stopped, with Looking Glass for these settings (device and metadata, as lg-admin enable leaves them). */
    InMemoryDomains.Guest enabled(String name, LookingGlassSettings settings) {
        return domains.put(enable(definition(name), settings));
    }

    /** Marks the guest running, with the live XML libvirt shows for its persistent definition. */
    static void boot(InMemoryDomains.Guest guest) {
        guest.running = true;
        guest.live = liveOf(guest.persistent);
    }

    static LookingGlassSettings settings(String vmName, String... users) {
        try {
            return LookingGlassSettings.defaultsFor(vmName).withEnabled(true).withUsers(List.of(users));
        } catch (InvalidSettingsException e) {
            throw new AssertionError(e);
        }
    }

    static String uuidOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A small Q35 guest as virt-install makes one, before Looking Glass. */
    static String definition(String name) {
        return """
                <domain type='kvm'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='KiB'>4194304</memory>
                  <vcpu placement='static'>2</vcpu>
                  <os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <graphics type='spice' autoport='yes' listen='127.0.0.1'/>
                    <video><model type='virtio'/></video>
                  </devices>
                </domain>
                """.formatted(name, uuidOf(name));
    }

    static String enable(String xml, LookingGlassSettings settings) {
        try {
            return DomainXmlEditor.enable(xml, settings).xml();
        } catch (DomainXmlException e) {
            throw new AssertionError(e);
        }
    }

    /** What libvirt shows for a started guest: an id, and the DAC label QEMU runs with. */
    static String liveOf(String persistent) {
        return persistent.replaceFirst("<domain type='kvm'>", "<domain type='kvm' id='7'>")
                .replace("</domain>", "  <seclabel type='dynamic' model='dac' relabel='yes'><label>+" + QEMU_UID + ":+"
                        + QEMU_UID + "</label><imagelabel>+" + QEMU_UID + ":+" + QEMU_UID + "</imagelabel></seclabel>\n</domain>");
    }

    /** Enable with users (and, when given, a shm name), everything else left as the VM has it. */
    static EnableRequest enableRequest(Optional<String> shmName, boolean live, String... users) {
        return EnableRequest.KEEP_ALL.withShmName(shmName).withLive(live).withSettings(SettingsChange.NONE
                .withUsers(users.length == 0 ? Optional.empty() : Optional.of(List.of(users))));
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
