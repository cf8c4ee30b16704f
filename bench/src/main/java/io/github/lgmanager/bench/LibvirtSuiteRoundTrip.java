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
 * user's again? Two placements side by side in one run: "libvirt places it" (our device without an address, nothing
 * recorded: what lg-manager did before) and "ours" (a free root slot on q35, and what libvirt adds recorded and taken
 * away on disable: what lg-admin does now, through the same DefinitionEdits as lg-admin and lg-daemon). Also kvmfr
 * mode. Prints counts and failure categories; the domains are defined under temporary names and undefined again.
 */
public final class LibvirtSuiteRoundTrip {
    private static final Pattern CONTROLLER =
            Pattern.compile("<controller [^>]*/>|<controller [^>]*[^/]>[\\s\\S]*?</controller>");
    private static final Pattern OUR_ADDRESS = Pattern.compile(
            "(<shmem name='looking-glass'>[\\s\\S]*?)\\s*<address type='pci' domain='0x0000' bus='0x00' slot='0x[0-9a-f]{2}'"
                    + " function='0x0'/>");
    private static final int UNDEFINE_NVRAM = 4;

    private enum Placement { LIBVIRT, OURS, KVMFR }

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
        for (Placement p : Placement.values()) {
            outcomes.put(p, new TreeMap<>());
        }
        List<String> notOurs = new ArrayList<>();
        int definable = 0;
        int n = 0;
        for (Path file : files) {
            n++;
            String xml = Files.readString(file).replaceFirst("<name>[^<]*</name>", "<name>lgm-suite-" + n + "</name>")
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
                String uuid = domain.getUUIDString();
                String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                for (Placement p : Placement.values()) {
                    String outcome = roundTrip(domains, domain, uuid, original, p);
                    outcomes.get(p).merge(outcome, 1, Integer::sum);
                    if (p != Placement.LIBVIRT && !outcome.equals("the user's again")) {
                        notOurs.add(p + " " + file.getFileName() + ": " + outcome);
                    }
                    if (!outcome.equals("the user's again")) {
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
        System.out.printf("%-55s %16s %10s %10s%n", "outcome", "libvirt places", "ours", "kvmfr");
        List<String> keys = new ArrayList<>();
        outcomes.values().forEach(m -> m.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        for (String k : keys) {
            System.out.printf("%-55s %16d %10d %10d%n", k, outcomes.get(Placement.LIBVIRT).getOrDefault(k, 0),
                    outcomes.get(Placement.OURS).getOrDefault(k, 0), outcomes.get(Placement.KVMFR).getOrDefault(k, 0));
        }
        System.out.println();
        notOurs.forEach(line -> System.out.println("  not the user's again: " + line));
    }

    private static String roundTrip(LibvirtDomains domains, Domain domain, String uuid, String original, Placement p)
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
                String enabled = OUR_ADDRESS.matcher(DomainXmlEditor.enable(original, chosen).xml()).replaceFirst("$1");
                domains.define(enabled);
                EditResult off = DomainXmlEditor.disableAndForget(
                        domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE));
                domains.define(off.xml());
            } else {
                DefinitionEdits.redefine(domains, uuid, xml -> DomainXmlEditor.enable(xml, chosen));
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
            return "the user's again";
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
