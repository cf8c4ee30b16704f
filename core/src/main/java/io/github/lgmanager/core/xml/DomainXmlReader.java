// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.settings.ShmNames;
import io.github.lgmanager.core.settings.SpiceSockets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what the daemon needs from a domain XML, live or persistent: our settings, the managed
 * shared memory, the SPICE endpoint. Live XML is what counts once a VM runs: ports chosen by
 * autoport and a device hot-plugged or not exist only there.
 */
public final class DomainXmlReader {

    private DomainXmlReader() {
    }

    /**
     * What the daemon keeps of a persistent definition, from one parse.
     *
     * @param staticDacLabel the {@code <label>} of a static DAC seclabel ("user:group"), when the VM sets
     *                       which user its QEMU runs as; empty for the usual qemu.conf user
     * @param spiceSocket    the SPICE socket in one of our folders ({@code --with-spice}), if SPICE listens there
     */
    public record Definition(Optional<LookingGlassSettings> settings, Optional<SharedMemoryDevice> device,
            Optional<String> staticDacLabel, Optional<String> spiceSocket) {
    }

    /** What a running VM's live XML tells, from one parse: where its shared memory is, SPICE, QEMU's uid. */
    public record Running(Optional<SharedMemoryDevice> device, Optional<SpiceEndpoint> spice, Optional<Integer> qemuUid) {
    }

    public static Definition definition(String xml) throws DomainXmlException {
        DomainDocument doc = DomainDocument.parse(xml);
        Optional<String> socket = spice(doc).filter(SpiceEndpoint::isUnixSocket).map(SpiceEndpoint::unixSocket)
                .filter(SpiceSockets::isOurs);
        return new Definition(settings(doc), managedDevice(doc), staticDacLabel(doc), socket);
    }

    public static Running running(String liveXml) throws DomainXmlException {
        return running(liveXml, Optional.empty());
    }

    /**
     * As {@link #running(String)}, for a VM whose live metadata may lack our settings: enabled after it started
     * (the device hot-plugged), its live XML has the device but not the settings naming it. The live settings
     * win when present, since they are what the VM booted with.
     */
    public static Running running(String liveXml, Optional<LookingGlassSettings> persistent) throws DomainXmlException {
        DomainDocument doc = DomainDocument.parse(liveXml);
        return new Running(managedDevice(doc, persistent), spice(doc), qemuUid(doc));
    }

    public static Optional<LookingGlassSettings> settings(String xml) throws DomainXmlException {
        return settings(DomainDocument.parse(xml));
    }

    private static Optional<LookingGlassSettings> settings(DomainDocument doc) throws DomainXmlException {
        try {
            return SettingsCodec.read(doc);
        } catch (InvalidSettingsException e) {
            throw new DomainXmlException("domain '" + doc.domainName() + "': our settings in <metadata> are invalid: "
                    + e.getMessage() + " (set them again with lg-admin, or remove <lgm:looking-glass>)");
        }
    }

    /**
     * The shared memory we manage: the shm file of the stored (or default) name, or our kvmfr backend.
     * The path is always {@code /dev/shm/NAME} with a checked name or {@code /dev/kvmfrN}: a backend
     * pointing anywhere else is not reported, since the daemon would open it as root.
     */
    public static Optional<SharedMemoryDevice> managedDevice(String xml) throws DomainXmlException {
        return managedDevice(DomainDocument.parse(xml));
    }

    private static Optional<SharedMemoryDevice> managedDevice(DomainDocument doc) {
        return managedDevice(doc, Optional.empty());
    }

    private static Optional<SharedMemoryDevice> managedDevice(DomainDocument doc, Optional<LookingGlassSettings> fallback) {
        Optional<LookingGlassSettings> stored;
        try {
            stored = SettingsCodec.read(doc).or(() -> fallback);
        } catch (InvalidSettingsException e) {
            stored = fallback;
        }
        String name = stored.map(LookingGlassSettings::shmName).orElse(ShmNames.DEFAULT_NAME);
        boolean kvmfrFirst = stored.map(s -> s.mode().isKvmfr()).orElse(false);
        Optional<SharedMemoryDevice> kvmfr = kvmfrDevice(doc);
        if (kvmfrFirst && kvmfr.isPresent()) {
            return kvmfr;
        }
        List<XElement> shmem = ShmemDevices.named(doc, name);
        if (!shmem.isEmpty()) {
            return Optional.of(new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/" + name,
                    ShmemDevices.sizeBytes(shmem.get(0)).orElse(-1L)));
        }
        return kvmfr;
    }

    private static Optional<SharedMemoryDevice> kvmfrDevice(DomainDocument doc) {
        for (KvmfrCommandLine.ArgPair pair : KvmfrCommandLine.ours(doc)) {
            if (pair.isObject()) {
                Optional<String> path = KvmfrCommandLine.property(pair.text(), "mem-path");
                // whoever may define VMs writes this path, and the root daemon will open it
                if (path.isPresent() && ShmNames.problemWithKvmfrDevice(path.get()).isEmpty()) {
                    long size = KvmfrCommandLine.property(pair.text(), "size").map(DomainXmlReader::qemuSize)
                            .orElse(-1L);
                    return Optional.of(new SharedMemoryDevice(ShmMode.Kind.KVMFR, path.get(), size));
                }
            }
        }
        return Optional.empty();
    }

    /** QEMU sizes: bytes, or with a K/M/G/T suffix (binary). */
    static long qemuSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        long scale = 1;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            scale = 1L << (10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /**
     * The first SPICE graphics device's endpoint, or empty if there is none or its port is not known
     * yet (autoport in a persistent definition).
     */
    public static Optional<SpiceEndpoint> spice(String xml) throws DomainXmlException {
        return spice(DomainDocument.parse(xml));
    }

    private static Optional<SpiceEndpoint> spice(DomainDocument doc) {
        Optional<XElement> graphics = doc.devices()
                .flatMap(d -> d.elements("graphics").filter(g -> "spice".equals(g.attrOr("type", ""))).findFirst());
        if (graphics.isEmpty()) {
            return Optional.empty();
        }
        XElement g = graphics.get();
        Optional<XElement> listen = g.elements("listen").findFirst();
        if (listen.isPresent() && "socket".equals(listen.get().attrOr("type", ""))) {
            return listen.get().attr("socket").map(path -> new SpiceEndpoint(null, 0, path));
        }
        int port;
        try {
            port = Integer.parseInt(g.attrOr("port", "-1").strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (port <= 0) {
            return Optional.empty();
        }
        String host = g.attr("listen").orElse(listen.map(l -> l.attrOr("address", "")).orElse(""));
        return Optional.of(new SpiceEndpoint(connectable(host), port, null));
    }

    /**
     * The uid QEMU runs as, from the running VM's DAC label ({@code <seclabel model='dac'><label>+64055:+64055}):
     * libvirt's own record, so there is no race with a PID file or /proc.
     */
    private static Optional<Integer> qemuUid(DomainDocument doc) {
        return doc.root.elements("seclabel")
                .filter(l -> "dac".equals(l.attrOr("model", "")))
                .flatMap(l -> l.elements("label"))
                .map(XElement::text)
                .map(DomainXmlReader::uidOfLabel)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> staticDacLabel(DomainDocument doc) {
        return doc.root.elements("seclabel")
                .filter(l -> "dac".equals(l.attrOr("model", "")) && "static".equals(l.attrOr("type", "")))
                .flatMap(l -> l.elements("label"))
                .map(l -> l.text().strip())
                .filter(label -> !label.isEmpty())
                .findFirst();
    }

    /** "+64055:+994" or "libvirt-qemu:kvm" → 64055; names are not resolved here (pure core). */
    static Optional<Integer> uidOfLabel(String label) {
        String user = label.strip().split(":", 2)[0];
        if (user.startsWith("+")) {
            user = user.substring(1);
        }
        try {
            int uid = Integer.parseInt(user);
            return uid >= 0 ? Optional.of(uid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String connectable(String listen) {
        return switch (listen) {
            case "", "0.0.0.0" -> "127.0.0.1";
            case "::" -> "::1";
            default -> listen;
        };
    }
}
