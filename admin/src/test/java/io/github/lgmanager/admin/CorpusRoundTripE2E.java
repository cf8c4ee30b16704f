// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.RealLibvirt;
import io.github.lgmanager.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The corpus through the real QEMU driver, as a user would: each libvirt-formatted corpus file defined on
 * qemu:///system (which assigns addresses and may add controllers, unlike the test driver the unit tier uses), then
 * `lg-admin enable --resolution 4k` and `lg-admin disable --forget`: the definition must be the user's again (each as
 * a TCG domain: this host's libvirt may offer no KVM, and PCI placement does not depend on it). The
 * q35 files made on this driver must all define; a libvirt/ file the host cannot define (firmware it lacks) is
 * listed with libvirt's reason, and must not be the majority.
 */
class CorpusRoundTripE2E {
    private static final String LAUNCHER = Path.of("../bin/lg-admin").toAbsolutePath().normalize().toString();
    private static final Path CORPUS = Path.of("../core/src/test/resources/corpus").toAbsolutePath().normalize();
    private static final Pattern CONTROLLER =
            Pattern.compile("<controller [^>]*/>|<controller [^>]*[^/]>[\\s\\S]*?</controller>");
    /** VIR_DOMAIN_UNDEFINE_NVRAM: a UEFI file's variables go with it (libvirt-java has no constant for it). */
    private static final int UNDEFINE_NVRAM = 4;
    private static final Pattern NAME = Pattern.compile("<name>[^<]*</name>");
    private static final Pattern UUID = Pattern.compile("\\s*<uuid>[^<]*</uuid>");

    private static ExternalProcess.Result admin(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = LAUNCHER;
        command[1] = "--connect";
        command[2] = RealLibvirt.URI;
        System.arraycopy(args, 0, command, 3, args.length);
        return ExternalProcess.run(Duration.ofSeconds(60), command);
    }

    private static List<Path> files(String kind) throws Exception {
        try (Stream<Path> list = Files.list(CORPUS.resolve(kind))) {
            return list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static List<String> controllers(String xml) {
        return CONTROLLER.matcher(xml).results().map(r -> r.group().replaceAll("\\s+", " ")).sorted().toList();
    }

    @Test
    void everyDefinableCorpusFileIsTheUsersAgainAfterEnableAndDisableForget() throws Exception {
        Prerequisite.root();
        List<String> failures = new ArrayList<>();
        List<String> notDefinable = new ArrayList<>();
        int passed = 0;
        List<Path> files = new ArrayList<>(files("qemu-driver"));
        files.addAll(files("libvirt"));
        Connect libvirt = RealLibvirt.connect();
        try {
            for (Path file : files) {
                String label = CORPUS.relativize(file).toString();
                String name = "lgrt-" + UniqueNames.next();
                String xml = UUID.matcher(NAME.matcher(Files.readString(file)).replaceFirst("<name>" + name + "</name>"))
                        .replaceFirst("")
                        // TCG, the portable default: libvirt here may have no KVM, and placement is the same
                        .replaceFirst("<domain type='kvm'", "<domain type='qemu'");
                if (xml.contains("<shmem name='looking-glass") || xml.contains("qemu:commandline")) {
                    continue; // a hand-made device: corrected in place, not a round trip (DomainXmlEditorTest)
                }
                Domain domain;
                try {
                    domain = libvirt.domainDefineXML(xml);
                } catch (LibvirtException e) {
                    if (label.startsWith("qemu-driver")) {
                        failures.add(label + ": the QEMU driver refused its own file: " + e.getMessage());
                    } else {
                        notDefinable.add(label + ": " + e.getMessage().strip());
                    }
                    continue;
                }
                try {
                    String original = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                    ExternalProcess.Result on = admin("enable", name, "--resolution", "4k", "--user", "root");
                    ExternalProcess.Result off = admin("disable", name, "--forget");
                    String after = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
                    if (on.exitCode() != 0 || off.exitCode() != 0) {
                        failures.add(label + ": enable exit " + on.exitCode() + " " + on.stderr().strip()
                                + "; disable exit " + off.exitCode() + " " + off.stderr().strip());
                    } else if (!controllers(original).equals(controllers(after))
                            || !CONTROLLER.matcher(original).replaceAll("").equals(CONTROLLER.matcher(after).replaceAll(""))) {
                        failures.add(label + ": not the user's definition after disable --forget\n" + on.stdout()
                                + off.stdout());
                    } else {
                        passed++;
                    }
                } finally {
                    domain.undefine(UNDEFINE_NVRAM);
                    Files.deleteIfExists(Path.of("/dev/shm/looking-glass-" + name));
                }
            }
        } finally {
            libvirt.close();
        }
        System.out.printf("corpus through the QEMU driver: %d round-tripped, %d failed, %d not definable here%n",
                passed, failures.size(), notDefinable.size());
        notDefinable.forEach(n -> System.out.println("  not definable here: " + n));
        assertEquals(List.of(), failures);
        assertTrue(passed > notDefinable.size(), "most files define on this host: " + notDefinable);
    }
}
