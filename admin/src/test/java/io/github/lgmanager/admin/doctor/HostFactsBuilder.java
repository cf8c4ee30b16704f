// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The healthy host of {@link Fixtures#host()}, field by field, so a test changes only the fact it is about and
 * a new fact is added here once rather than in every test that builds a host.
 */
final class HostFactsBuilder {
    String backend = "lg-daemon on the system bus";
    boolean direct;
    String backendProblem = "";
    String libvirtProblem = "";
    String invokingUser = "alice";
    String qemuUser = "libvirt-qemu";
    OptionalInt protectedRegular = OptionalInt.of(1);
    OptionalInt protectedSymlinks = OptionalInt.of(1);
    OptionalInt protectedHardlinks = OptionalInt.of(1);
    boolean apparmorEnabled;
    String apparmorLocal = "";
    String libvirtVersion = "9.0.0-4";
    String selinuxMode = "absent";
    List<HostFacts.TmpfilesLine> tmpfiles = List.of();
    boolean kvmfrLoaded;
    List<String> kvmfrDevices = List.of();
    List<UdevRule> kvmfrUdevRules = List.of();
    Accounts accounts = Accounts.parse("root:x:0:0::/root:/bin/sh\nlibvirt-qemu:x:64055:64055::/var/lib/libvirt:/usr/sbin/nologin\n"
            + "alice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n",
            "root:x:0:\nkvm:x:107:libvirt-qemu\nlibvirt-qemu:x:64055:\nalice:x:1000:\nbob:x:1001:\n", "");
    Optional<String> qemuConf = Optional.of("");
    Optional<String> clientPath = Optional.of("/usr/bin/looking-glass-client");
    Optional<String> clientVersion = Optional.of("B7");

    HostFactsBuilder() {
    }

    /** Starts from {@code h} instead of the healthy host. */
    HostFactsBuilder(HostFacts h) {
        backend = h.backend();
        direct = h.direct();
        backendProblem = h.backendProblem();
        libvirtProblem = h.libvirtProblem();
        invokingUser = h.invokingUser();
        qemuUser = h.qemuUser();
        protectedRegular = h.protectedRegular();
        protectedSymlinks = h.protectedSymlinks();
        protectedHardlinks = h.protectedHardlinks();
        apparmorEnabled = h.apparmorEnabled();
        apparmorLocal = h.apparmorLocal();
        libvirtVersion = h.libvirtVersion();
        selinuxMode = h.selinuxMode();
        tmpfiles = h.tmpfiles();
        kvmfrLoaded = h.kvmfrLoaded();
        kvmfrDevices = h.kvmfrDevices();
        kvmfrUdevRules = h.kvmfrUdevRules();
        accounts = h.accounts();
        qemuConf = h.qemuConf();
        clientPath = h.clientPath();
        clientVersion = h.clientVersion();
    }

    HostFacts build() {
        return new HostFacts(backend, direct, backendProblem, libvirtProblem, invokingUser, qemuUser, protectedRegular,
                protectedSymlinks, protectedHardlinks, apparmorEnabled, apparmorLocal, libvirtVersion, selinuxMode,
                tmpfiles, kvmfrLoaded, kvmfrDevices, kvmfrUdevRules, accounts, qemuConf, clientPath, clientVersion);
    }
}
