// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Edits a VM's persistent domain XML for Looking Glass: XML in, XML and notes out, no libvirt.
 *
 * <p>Callers must give the persistent definition read with {@code VIR_DOMAIN_XML_INACTIVE} and
 * {@code VIR_DOMAIN_XML_SECURE} ({@code virsh dumpxml --inactive --security-info}): without SECURE
 * libvirt leaves out the SPICE/VNC passwords, and redefining the result deletes them. Live XML (it has
 * a domain {@code id}) is refused. Redefining a running VM changes its next boot only, unless the
 * caller also applies the device live.
 *
 * <p>Everything this class does not manage is rendered from the characters it was read from. The
 * result is re-parsed and checked before it is returned; if a check fails, nothing is returned.
 */
public final class DomainXmlEditor {

    private DomainXmlEditor() {
    }

    public static EditResult enable(String xml, LookingGlassSettings settings) throws DomainXmlException {
        return enable(xml, settings, Set.of());
    }

    /** Adds or corrects the managed device for these settings and stores them (enabled) in the metadata. */
    public static EditResult enable(String xml, LookingGlassSettings settings, Set<GuestExtra> extras)
            throws DomainXmlException {
        DomainDocument doc = parsePersistent(xml);
        List<String> notes = new ArrayList<>();
        String type = doc.root.attrOr("type", "");
        if (!type.equals("kvm") && !type.equals("qemu")) {
            notes.add("warning: domain type '" + type + "' is not QEMU/KVM; only libvirt's QEMU driver runs"
                    + " <shmem> and <qemu:commandline>");
        }
        LookingGlassSettings target = settings.withEnabled(true);
        Optional<LookingGlassSettings> previous = readLeniently(doc, notes);
        Set<String> names = new LinkedHashSet<>();
        previous.ifPresent(p -> names.add(p.shmName()));
        names.add(target.shmName());
        if (target.mode().isKvmfr()) {
            for (String name : names) {
                ShmemDevices.remove(doc, name, notes);
            }
            KvmfrCommandLine.ensure(doc, target.mode().devicePath(), target.sizeBytes(), notes);
        } else {
            KvmfrCommandLine.remove(doc, notes);
            for (String name : names) {
                if (!name.equals(target.shmName())) {
                    ShmemDevices.remove(doc, name, notes);
                }
            }
            ShmemDevices.ensure(doc, target.shmName(), target.sizeMiB(), notes);
        }
        GuestExtras.apply(doc, extras, target, notes);
        boolean spicePassword = doc.devices().map(d -> d.elements("graphics")
                .anyMatch(g -> "spice".equals(g.attrOr("type", "")) && g.attr("passwd").isPresent())).orElse(false);
        if (spicePassword) {
            notes.add("warning: this VM's SPICE asks for a password, which looking-glass-client B7 cannot send: the"
                    + " viewer would exit at once; remove the passwd of <graphics type='spice'> (virsh edit), and let"
                    + " --with-spice put SPICE on a socket only the VM's users can reach");
        }
        SettingsCodec.write(doc, target, notes);
        return finish(xml, doc, notes, out -> checkEnabled(out, target));
    }

    /** Removes the managed device and the enabled flag; the other settings stay for a later enable. */
    public static EditResult disable(String xml) throws DomainXmlException {
        return disable(xml, false);
    }

    /** Like {@link #disable(String)}, and also removes our settings (and a {@code <metadata>} left empty). */
    public static EditResult disableAndForget(String xml) throws DomainXmlException {
        return disable(xml, true);
    }

    private static EditResult disable(String xml, boolean forget) throws DomainXmlException {
        DomainDocument doc = parsePersistent(xml);
        List<String> notes = new ArrayList<>();
        Optional<LookingGlassSettings> previous = readLeniently(doc, notes);
        String name = previous.map(LookingGlassSettings::shmName).orElse(ShmNames.DEFAULT_NAME);
        ShmemDevices.remove(doc, name, notes);
        KvmfrCommandLine.remove(doc, notes);
        SettingsCodec.find(doc).map(LibvirtAdditions::takeRecord)
                .ifPresent(changes -> LibvirtAdditions.undo(doc, changes, notes));
        if (forget) {
            SettingsCodec.forget(doc, notes);
        } else {
            SettingsCodec.find(doc).ifPresent(ours -> ours.elements()
                    .filter(e -> e.is(SettingsCodec.NAMESPACE, "enabled")).toList()
                    .forEach(DomainDocument::remove));
        }
        return finish(xml, doc, notes, out -> {
            if (!ShmemDevices.named(out, name).isEmpty() || !KvmfrCommandLine.ours(out).isEmpty()) {
                return "a managed device is still present";
            }
            return null;
        });
    }

    /**
     * Whether this definition leaves our device's place to libvirt (its {@code <shmem>} has no address, as on a q35
     * machine with a full root bus): then compare libvirt's read-back with {@link #recordLibvirtAdditions}.
     */
    public static boolean placementLeftToLibvirt(String xml) throws DomainXmlException {
        DomainDocument doc = DomainDocument.parse(xml);
        Optional<LookingGlassSettings> settings = readLeniently(doc, new ArrayList<>());
        return settings.isPresent() && settings.get().enabled() && !settings.get().mode().isKvmfr()
                && ShmemDevices.named(doc, settings.get().shmName()).stream().anyMatch(s -> s.element("address").isEmpty());
    }

    /**
     * {@code given} was defined and {@code defined} is libvirt's persistent definition after it: an edit of
     * {@code defined} that records, in our metadata, the controllers libvirt added and the ones it made multifunction
     * for our device, so that disable takes exactly those away again; empty when libvirt added nothing.
     */
    public static Optional<EditResult> recordLibvirtAdditions(String given, String defined) throws DomainXmlException {
        DomainDocument doc = parsePersistent(defined);
        List<LibvirtAdditions.Change> changes = LibvirtAdditions.between(DomainDocument.parse(given), doc);
        Optional<XElement> ours = SettingsCodec.find(doc);
        if (changes.isEmpty() || ours.isEmpty()) {
            return Optional.empty();
        }
        LibvirtAdditions.record(doc, ours.get(), changes);
        List<String> notes = new ArrayList<>();
        notes.add("libvirt added " + String.join(", ", changes.stream()
                .map(c -> c.kind().equals(LibvirtAdditions.Change.ADDED) ? c.model() + " (index " + c.index() + ")"
                        : "multifunction to " + c.model() + " (index " + c.index() + ")").toList())
                + " to place the device; recorded in our metadata, and disable takes them away again");
        return Optional.of(new EditResult(doc.render(), notes, true));
    }

    /** The settings stored in the domain's metadata, or empty if there are none. */
    public static Optional<LookingGlassSettings> readSettings(String xml) throws DomainXmlException {
        return DomainXmlReader.settings(xml);
    }

    private static DomainDocument parsePersistent(String xml) throws DomainXmlException {
        DomainDocument doc = DomainDocument.parse(xml);
        Optional<String> id = doc.root.attr("id");
        if (id.isPresent()) {
            throw new DomainXmlException("domain '" + doc.domainName() + "': this is the live XML of a running VM"
                    + " (it has id='" + id.get() + "'); edit the persistent definition, read with"
                    + " VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE (virsh dumpxml --inactive --security-info)");
        }
        return doc;
    }

    private static Optional<LookingGlassSettings> readLeniently(DomainDocument doc, List<String> notes) {
        try {
            return SettingsCodec.read(doc);
        } catch (InvalidSettingsException e) {
            // The new settings replace them; only the old shm name is lost, and the default is tried.
            notes.add("ignored unreadable Looking Glass settings in <metadata>: " + e.getMessage());
            return Optional.empty();
        }
    }

    private interface Check {
        /** A problem with the result, or null. */
        String problem(DomainDocument out) throws InvalidSettingsException;
    }

    private static EditResult finish(String input, DomainDocument doc, List<String> notes, Check check)
            throws DomainXmlException {
        String out = doc.render();
        if (out.equals(input)) {
            return new EditResult(input, List.of(), false);
        }
        String problem;
        try {
            problem = check.problem(DomainDocument.parse(out));
        } catch (DomainXmlException | InvalidSettingsException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new DomainXmlException("domain '" + doc.domainName() + "': the edited XML failed our own check ("
                    + problem + "); nothing was changed. Please report this with the domain XML.");
        }
        return new EditResult(out, notes, true);
    }

    private static String checkEnabled(DomainDocument out, LookingGlassSettings target) throws InvalidSettingsException {
        Optional<LookingGlassSettings> stored = SettingsCodec.read(out);
        if (stored.isEmpty() || !stored.get().equals(target)) {
            return "stored settings differ from the requested ones";
        }
        int shmem = ShmemDevices.named(out, target.shmName()).size();
        int args = KvmfrCommandLine.ours(out).size();
        if (target.mode().isKvmfr() ? shmem != 0 || args != 2 : shmem != 1 || args != 0) {
            return "expected exactly one managed device, found " + shmem + " <shmem> and " + args + " kvmfr arguments";
        }
        if (!target.mode().isKvmfr()
                && ShmemDevices.sizeBytes(ShmemDevices.named(out, target.shmName()).get(0)).orElse(-1L)
                        != target.sizeBytes()) {
            return "the <shmem> size is not " + target.sizeMiB() + " MiB";
        }
        return null;
    }
}
