// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.settings.ShmNames;
import io.github.lgmanager.core.settings.SpiceSockets;
import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain rules of the production editor and reader (SettingsCodec, ShmemDevices, DeviceOrder, KvmfrCommandLine,
 * DomainXmlReader), restated over a small neutral element so that the DOM and the StAX variants share them: any
 * approach needs these rules, so the variants differ only in how they get at the XML and how they write it back.
 */
final class DomainRules {

    static final String LGM_NS = "https://lgmanager.github.io/xmlns/vm/1";
    static final String LGM_ROOT = "looking-glass";
    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    static final String MODEL = "ivshmem-plain";
    static final List<String> KNOWN = List.of("enabled", "resolution", "hdr", "formula", "shm", "mode", "users",
            "auto-open", "auto-open-users", "client-options");
    static final List<String> BEFORE_METADATA = List.of("name", "uuid", "genid", "title", "description");
    static final List<String> BEFORE_DEVICES_END = List.of("seclabel", "keywrap", "launchSecurity");
    /** libvirt's formatter order (domain_conf.c) for the device kinds around {@code <shmem>}. */
    static final List<String> DEVICE_ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics",
            "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon",
            "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto");
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1000L), Map.entry("k", 1024L), Map.entry("kib", 1024L),
            Map.entry("mb", 1000L * 1000), Map.entry("m", 1024L * 1024), Map.entry("mib", 1024L * 1024),
            Map.entry("gb", 1000L * 1000 * 1000), Map.entry("g", 1024L * 1024 * 1024),
            Map.entry("gib", 1024L * 1024 * 1024), Map.entry("tb", 1000L * 1000 * 1000 * 1000),
            Map.entry("t", 1024L * 1024 * 1024 * 1024), Map.entry("tib", 1024L * 1024 * 1024 * 1024));

    private DomainRules() {
    }

    /**
     * An element as the rules see it. {@code name} is the qualified name as written (or to be written), {@code ns}
     * its namespace ("" for libvirt's own), attributes without namespace declarations, text the direct text.
     */
    record El(String name, String ns, Map<String, String> attrs, String text, List<El> children) {
        String local() {
            return name.substring(name.indexOf(':') + 1);
        }

        boolean is(String uri, String localName) {
            return ns.equals(uri) && local().equals(localName);
        }

        String attr(String key) {
            return attrs.getOrDefault(key, "");
        }

        Optional<El> child(String uri, String localName) {
            return children.stream().filter(c -> c.is(uri, localName)).findFirst();
        }

        List<El> all(String uri, String localName) {
            return children.stream().filter(c -> c.is(uri, localName)).toList();
        }

        /** Layout-blind equality, as the production editor decides whether a settings child needs rewriting. */
        boolean sameContent(El o) {
            if (!ns.equals(o.ns) || !local().equals(o.local()) || !attrs.equals(o.attrs)
                    || !text.strip().equals(o.text.strip()) || children.size() != o.children.size()) {
                return false;
            }
            for (int i = 0; i < children.size(); i++) {
                if (!children.get(i).sameContent(o.children.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    static El el(String name, String ns, String text, String... attrs) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < attrs.length; i += 2) {
            a.put(attrs[i], attrs[i + 1]);
        }
        return new El(name, ns, a, text, new ArrayList<>());
    }

    /** The settings children we write, by local name, in {@link #KNOWN} order; prefix is "" or "lgm:". */
    static Map<String, El> render(LookingGlassSettings s, String prefix) {
        Map<String, El> m = new LinkedHashMap<>();
        if (s.enabled()) {
            m.put("enabled", el(prefix + "enabled", LGM_NS, "true"));
        }
        m.put("resolution", el(prefix + "resolution", LGM_NS, "", "width", Integer.toString(s.resolution().width()),
                "height", Integer.toString(s.resolution().height())));
        m.put("hdr", el(prefix + "hdr", LGM_NS, Boolean.toString(s.hdr())));
        m.put("formula", el(prefix + "formula", LGM_NS, s.formula().id()));
        m.put("shm", el(prefix + "shm", LGM_NS, "", "name", s.shmName()));
        m.put("mode", s.mode().isKvmfr()
                ? el(prefix + "mode", LGM_NS, "", "type", "kvmfr", "device", s.mode().devicePath())
                : el(prefix + "mode", LGM_NS, "", "type", "shm"));
        El users = el(prefix + "users", LGM_NS, "");
        s.users().forEach(u -> users.children().add(el(prefix + "user", LGM_NS, u)));
        m.put("users", users);
        El autoOpen = el(prefix + "auto-open-users", LGM_NS, "");
        s.autoOpenUsers().forEach(u -> autoOpen.children().add(el(prefix + "user", LGM_NS, u)));
        m.put("auto-open-users", autoOpen);
        El options = el(prefix + "client-options", LGM_NS, "");
        s.clientOptions().forEach(o -> options.children().add(el(prefix + "option", LGM_NS, "", "key", o.key(),
                "value", o.value())));
        m.put("client-options", options);
        return m;
    }

    static El shmem(String name, long sizeMiB) {
        El shmem = el("shmem", "", "", "name", name);
        shmem.children().add(el("model", "", "", "type", MODEL));
        shmem.children().add(size(sizeMiB));
        return shmem;
    }

    static El size(long sizeMiB) {
        return el("size", "", Long.toString(sizeMiB), "unit", "M");
    }

    static LookingGlassSettings readSettings(El ours) throws InvalidSettingsException {
        LookingGlassSettings s = LookingGlassSettings.defaults().withEnabled(bool(ours, "enabled"));
        Optional<El> e;
        if ((e = ours.child(LGM_NS, "resolution")).isPresent()) {
            try {
                s = s.withResolution(Resolution.parse(e.get().attr("width") + "x" + e.get().attr("height")));
            } catch (InvalidResolutionException ex) {
                throw new InvalidSettingsException("<lgm:resolution>: " + ex.getMessage());
            }
        }
        s = s.withHdr(bool(ours, "hdr"));
        if ((e = ours.child(LGM_NS, "formula")).isPresent()) {
            String f = e.get().text().strip();
            s = s.withFormula(ShmFormula.fromId(f).orElseThrow(() -> new InvalidSettingsException(
                    "<lgm:formula>: unknown formula '" + f + "' (use b7 or idd)")));
        }
        if ((e = ours.child(LGM_NS, "shm")).isPresent()) {
            s = s.withShmName(e.get().attr("name"));
        }
        if ((e = ours.child(LGM_NS, "mode")).isPresent()) {
            String type = e.get().attr("type");
            if (type.equals("kvmfr")) {
                s = s.withMode(ShmMode.kvmfr(e.get().attr("device")));
            } else if (!type.equals("shm")) {
                throw new InvalidSettingsException("<lgm:mode>: unknown type '" + type + "' (use shm or kvmfr)");
            }
        }
        if ((e = ours.child(LGM_NS, "users")).isPresent()) {
            List<String> users = new ArrayList<>();
            for (El u : e.get().all(LGM_NS, "user")) {
                users.add(LookingGlassSettings.checkUser(u.text().strip()));
            }
            s = s.withUsers(users);
        }
        if ((e = ours.child(LGM_NS, "auto-open-users")).isPresent()) {
            List<String> chose = new ArrayList<>();
            for (El u : e.get().all(LGM_NS, "user")) {
                chose.add(LookingGlassSettings.checkUser(u.text().strip()));
            }
            s = s.withAutoOpenUsers(chose);
        } else {
            s = s.withAutoOpenForAll(bool(ours, "auto-open"));
        }
        if ((e = ours.child(LGM_NS, "client-options")).isPresent()) {
            List<ClientOption> options = new ArrayList<>();
            for (El o : e.get().all(LGM_NS, "option")) {
                options.add(ClientOption.of(o.attr("key"), o.attr("value")));
            }
            s = s.withClientOptions(options);
        }
        return s;
    }

    private static boolean bool(El ours, String local) throws InvalidSettingsException {
        Optional<El> e = ours.child(LGM_NS, local);
        if (e.isEmpty()) {
            return false;
        }
        return switch (e.get().text().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingsException("<lgm:" + local + ">: not a boolean (use true or false)");
        };
    }

    static Optional<Long> sizeBytes(El shmem) {
        Optional<El> size = shmem.child("", "size");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        Long scale = UNITS.get(size.get().attrs().getOrDefault("unit", "b").toLowerCase(Locale.ROOT));
        try {
            long n = Long.parseLong(size.get().text().strip());
            return scale == null ? Optional.empty() : Optional.of(Math.multiplyExact(n, scale));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Indexes (flag and value) of our kvmfr {@code -device}/{@code -object} pairs among one command line's args. */
    static List<Integer> ourArgs(List<String> values) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i + 1 < values.size(); i++) {
            String v = normalize(values.get(i + 1));
            if (values.get(i).equals("-device") && isOurDevice(v) || values.get(i).equals("-object") && isOurObject(v)) {
                found.add(i);
                found.add(i + 1);
                i++;
            }
        }
        return found;
    }

    private static boolean isOurDevice(String v) {
        return (v.startsWith("ivshmem-plain,") || "ivshmem-plain".equals(property(v, "driver").orElse("")))
                && "looking-glass".equals(property(v, "memdev").orElse(""));
    }

    private static boolean isOurObject(String v) {
        return (v.startsWith("memory-backend-file,") || "memory-backend-file".equals(property(v, "qom-type").orElse("")))
                && "looking-glass".equals(property(v, "id").orElse(""));
    }

    private static Optional<String> property(String value, String key) {
        Matcher m = Pattern.compile("(?:^|[{,\\s])['\"]?" + Pattern.quote(key) + "['\"]?\\s*[:=]\\s*['\"]?([^'\",}\\s]*)")
                .matcher(normalize(value));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String normalize(String v) {
        return v.replace("&apos;", "'").replace("&quot;", "\"").strip();
    }

    /**
     * What DomainXmlReader.definition reports, from the root's children that matter: {@code <name>},
     * {@code <metadata>}, {@code <devices>} (its shmem and graphics children are enough), {@code <seclabel>},
     * {@code <qemu:commandline>}.
     */
    static DomainXmlReader.Definition definition(List<El> top) throws DomainXmlException {
        Optional<El> ours = top.stream().filter(e -> e.is("", "metadata")).findFirst()
                .flatMap(m -> m.child(LGM_NS, LGM_ROOT));
        Optional<LookingGlassSettings> settings;
        try {
            settings = ours.isEmpty() ? Optional.empty() : Optional.of(readSettings(ours.get()));
        } catch (InvalidSettingsException e) {
            String name = top.stream().filter(t -> t.is("", "name")).findFirst().map(n -> n.text().strip()).orElse("?");
            throw new DomainXmlException("domain '" + name + "': our settings in <metadata> are invalid: "
                    + e.getMessage());
        }
        Optional<El> devices = top.stream().filter(e -> e.is("", "devices")).findFirst();
        String shmName = settings.map(LookingGlassSettings::shmName).orElse(ShmNames.DEFAULT_NAME);
        Optional<SharedMemoryDevice> shm = devices.flatMap(d -> d.all("", "shmem").stream()
                .filter(s -> s.attr("name").equals(shmName)).findFirst())
                .map(s -> new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/" + shmName, sizeBytes(s).orElse(-1L)));
        Optional<SharedMemoryDevice> kvmfr = kvmfr(top);
        Optional<SharedMemoryDevice> device = settings.map(s -> s.mode().isKvmfr()).orElse(false) && kvmfr.isPresent()
                ? kvmfr : shm.or(() -> kvmfr);
        Optional<String> label = top.stream().filter(e -> e.is("", "seclabel") && e.attr("model").equals("dac")
                        && e.attr("type").equals("static"))
                .flatMap(l -> l.all("", "label").stream()).map(l -> l.text().strip()).filter(l -> !l.isEmpty())
                .findFirst();
        Optional<String> socket = devices.flatMap(d -> d.all("", "graphics").stream()
                        .filter(g -> g.attr("type").equals("spice")).findFirst())
                .flatMap(g -> g.child("", "listen")).filter(l -> l.attr("type").equals("socket"))
                .flatMap(l -> Optional.ofNullable(l.attrs().get("socket"))).filter(SpiceSockets::isOurs);
        return new DomainXmlReader.Definition(settings, device, label, socket);
    }

    private static Optional<SharedMemoryDevice> kvmfr(List<El> top) {
        for (El cl : top.stream().filter(e -> e.is(QEMU_NS, "commandline")).toList()) {
            List<String> values = cl.all(QEMU_NS, "arg").stream().map(a -> a.attr("value")).toList();
            List<Integer> ours = ourArgs(values);
            for (int i = 0; i < ours.size(); i += 2) {
                String v = values.get(ours.get(i + 1));
                Optional<String> path = property(v, "mem-path");
                if (values.get(ours.get(i)).equals("-object") && path.isPresent()
                        && ShmNames.problemWithKvmfrDevice(path.get()).isEmpty()) {
                    long size = property(v, "size").map(DomainRules::qemuSize).orElse(-1L);
                    return Optional.of(new SharedMemoryDevice(ShmMode.Kind.KVMFR, path.get(), size));
                }
            }
        }
        return Optional.empty();
    }

    private static long qemuSize(String s) {
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

    /** The production editor's own check of an enable, restated over what the variant's reader reports. */
    static String problemAfterEnable(DomainXmlReader.Definition out, LookingGlassSettings target) {
        if (!out.settings().equals(Optional.of(target))) {
            return "stored settings differ from the requested ones";
        }
        SharedMemoryDevice want = new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/" + target.shmName(),
                target.sizeBytes());
        return out.device().equals(Optional.of(want)) ? null : "the device is " + out.device() + ", expected " + want;
    }
}
