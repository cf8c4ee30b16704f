// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.DefinitionEdits;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.EditResult;
import io.github.lgmanager.libvirt.LibvirtDomains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Enable 4k then disable --forget over libvirt's own test-suite domains (tests/qemuxml2argvdata of the libvirt
 * source, fetched by scripts/measure-libvirt-suite), each defined on the real QEMU driver: is the definition the
 * user's again, and did enable leave the user's controllers as they were while the device was there? The placements
 * of {@link Placement} side by side in one run, through the same DefinitionEdits as lg-admin and lg-daemon. Prints
 * counts and the files that fail; the domains are defined under temporary names (lgq35-suite-N) and undefined again.
 */
public final class LibvirtSuiteRoundTrip {
    private static final Pattern CONTROLLER =
            Pattern.compile("<controller [^>]*/>|<controller [^>]*[^/]>[\\s\\S]*?</controller>");
    /** Text inside our {@code <shmem>}: a device without an address must not lend us the next device's. */
    private static final String WITHIN_SHMEM = "(?:(?!</shmem>)[\\s\\S])*?";
    private static final Pattern OUR_ADDRESS = Pattern.compile(
            "(<shmem name='looking-glass'>" + WITHIN_SHMEM + ")\\s*<address type='pci' domain='0x0000' bus='0x[0-9a-f]{2}'"
                    + " slot='0x[0-9a-f]{2}' function='0x[0-7]'/>");
    /** Our address when it is a slot of its own on the root bus, the one place the first q35 change chose. */
    private static final Pattern ROOT_SLOT = Pattern.compile(
            "<shmem name='looking-glass'>" + WITHIN_SHMEM + "<address type='pci' domain='0x0000' bus='0x00'"
                    + " slot='0x[0-9a-f]{2}' function='0x0'/>");
    private static final String SAME = "the user's again";
    private static final String KEPT = "every existing controller as it was";
    private static final int UNDEFINE_NVRAM = 4;

    /**
     * LIBVIRT: our device without an address, nothing recorded (lg-manager before the q35 work). ROOT_SLOT: a free
     * root slot, else libvirt places it and what it adds is recorded (the first q35 change). OURS: now, also a free
     * function of a multifunction root slot or an empty root port before libvirt is left to it. KVMFR: no PCI device.
     */
    private enum Placement { LIBVIRT, ROOT_SLOT, OURS, KVMFR }

    private LibvirtSuiteRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        Connect connection = new Connect("qemu:///system");
        LibvirtDomains domains = new LibvirtDomains(connection);
        Map<Placement, Map<String, Integer>> outcomes = new TreeMap<>();
        Map<Placement, Map<String, Integer>> whileOn = new TreeMap<>();
        for (Placement p : Placement.values()) {
            outcomes.put(p, new TreeMap<>());
            whileOn.put(p, new TreeMap<>());
        }
        List<String> notOurs = new ArrayList<>();
        int definable = 0;
        int n = 0;
        for (Path file : files) {
            n++;
            String xml = Files.readString(file).replaceFirst("<name>[^<]*</name>", "<name>lgq35-suite-" + n + "</name>")
                    .replaceFirst("\\s*<uuid>[^<]*</uuid>", "").replaceFirst("<domain type='kvm'", "<domain type='qemu'");
            if (!xml.contains("<os>") || xml.contains("<shmem")) {
                continue; // not a whole machine, or one that already has shared memory of its own
            }
            Domain domain;
            try {
                domain = connection.domainDefineXML(xml);
            } catch (LibvirtException e) {
                continue;
            }
            definable++;
            try {
                // a new definition is not yet what libvirt keeps: it sorts the controllers it added (pcie-root) and
                // settles some devices on the next define, ours or anyone's; the user's VM is the one after that
                domain = connection.domainDefineXML(domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
                String uuid = domain.getUUIDString();
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                for (Placement p : Placement.values()) {
                    String[] enabled = new String[1];
                    String outcome = roundTrip(domains, domain, uuid, original, p, enabled);
                    outcomes.get(p).merge(outcome, 1, Integer::sum);
                    String during = enabled[0] == null ? "enable refused"
                            : controllers(enabled[0]).containsAll(controllers(original)) ? KEPT
                            : "an existing controller changed (e.g. multifunction)";
                    whileOn.get(p).merge(during, 1, Integer::sum);
                    if (!outcome.equals(SAME) || !during.equals(KEPT)) {
                        notOurs.add(p + " " + file.getFileName() + ": " + outcome + "; while enabled: " + during);
                    }
                    if (!outcome.equals(SAME)) {
                        domain = connection.domainDefineXML(original); // the next placement starts from the original
                    }
                }
            } finally {
                domain.undefine(UNDEFINE_NVRAM);
            }
            if (definable % 50 == 0) {
                System.err.printf("... %d files read, %d definable%n", n, definable);
            }
        }
        connection.close();
        System.out.printf("libvirt's tests/qemuxml2argvdata: %d files, %d definable here (TCG); enable 4k -> disable"
                + " --forget, compared with the definition before%n%n", files.size(), definable);
        table("after disable --forget", outcomes);
        table("while enabled (after enable, before disable)", whileOn);
        notOurs.forEach(line -> System.out.println("  " + line));
    }

    private static void table(String title, Map<Placement, Map<String, Integer>> counts) {
        System.out.printf("%-55s %14s %10s %10s %10s%n", title, "libvirt places", "root slot", "ours now", "kvmfr");
        List<String> keys = new ArrayList<>();
        counts.values().forEach(m -> m.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        for (String k : keys) {
            System.out.printf("  %-53s %14d %10d %10d %10d%n", k, counts.get(Placement.LIBVIRT).getOrDefault(k, 0),
                    counts.get(Placement.ROOT_SLOT).getOrDefault(k, 0), counts.get(Placement.OURS).getOrDefault(k, 0),
                    counts.get(Placement.KVMFR).getOrDefault(k, 0));
        }
        System.out.println();
    }

    private static String roundTrip(LibvirtDomains domains, Domain domain, String uuid, String original, Placement p,
            String[] enabled)
            throws LibvirtException, io.github.lgmanager.core.sizing.InvalidResolutionException,
            io.github.lgmanager.core.settings.InvalidSettingsException {
        LookingGlassSettings settings = LookingGlassSettings.defaults().withResolution(Resolution.parse("4k"));
        if (p == Placement.KVMFR) {
            settings = settings.withMode(ShmMode.kvmfr("/dev/kvmfr0"));
        }
        LookingGlassSettings chosen = settings;
        try {
            if (p == Placement.LIBVIRT) {
                // before: our device without an address, and nothing recorded after the define
                String withoutAddress = OUR_ADDRESS.matcher(DomainXmlEditor.enable(original, chosen).xml())
                        .replaceFirst("$1");
                domains.define(withoutAddress);
                enabled[0] = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                EditResult off = DomainXmlEditor.disableAndForget(enabled[0]);
                domains.define(off.xml());
            } else {
                DefinitionEdits.redefine(domains, uuid, xml -> {
                    EditResult on = DomainXmlEditor.enable(xml, chosen);
                    // the first q35 change: a root slot of our own or nothing, then what libvirt adds is recorded
                    return p != Placement.ROOT_SLOT || ROOT_SLOT.matcher(on.xml()).find() ? on
                            : new EditResult(OUR_ADDRESS.matcher(on.xml()).replaceFirst("$1"), on.notes(), on.changed());
                });
                enabled[0] = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                DefinitionEdits.redefine(domains, uuid, DomainXmlEditor::disableAndForget);
            }
        } catch (VmCommandException | io.github.lgmanager.core.vm.LibvirtFailure
                | io.github.lgmanager.core.xml.DomainXmlException e) {
            String m = String.valueOf(e.getMessage());
            return "enable refused: " + (m.contains("no free slot") ? "no free slot (said in plain words)"
                    : m.contains("index must be larger than bus") ? "libvirt: index must be larger than bus"
                    : m.length() > 40 ? m.substring(0, 40) : m);
        }
        String after = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
        List<String> before = controllers(original);
        List<String> now = controllers(after);
        if (before.equals(now) && CONTROLLER.matcher(original).replaceAll("").equals(CONTROLLER.matcher(after).replaceAll(""))) {
            return SAME;
        }
        if (before.equals(now)) {
            return "an element other than a controller differs";
        }
        if (now.size() > before.size() && now.containsAll(before)) {
            return "controllers libvirt added are left behind";
        }
        if (now.size() >= before.size()) {
            return "an existing controller changed (e.g. multifunction)";
        }
        return "other difference";
    }

    private static List<String> controllers(String xml) {
        return CONTROLLER.matcher(xml).results().map(r -> r.group().replaceAll("\\s+", " ")).sorted().toList();
    }
}
