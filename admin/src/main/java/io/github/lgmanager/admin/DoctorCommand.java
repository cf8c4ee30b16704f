// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.doctor.Check;
import io.github.lgmanager.admin.doctor.FactsGatherer;
import io.github.lgmanager.admin.doctor.HostChecks;
import io.github.lgmanager.admin.doctor.HostFacts;
import io.github.lgmanager.admin.doctor.Status;
import io.github.lgmanager.admin.doctor.VmChecks;
import io.github.lgmanager.admin.output.Json;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the setup and prints one line per check, PASS, WARN or FAIL, with the exact fix for each"
                + " WARN and FAIL: lg-daemon and libvirt; fs.protected_symlinks and fs.protected_hardlinks; the VM's device"
                + " and its size; whether another VM uses the same shared memory; SPICE, and whether anyone can connect"
                + " to it without a password; the memory balloon; the shared-memory file (also a stale one waiting for a"
                + " shut-off VM), its owner, its ACL, who besides the VM's users can open it, and whether you can;"
                + " AppArmor; SELinux; fs.protected_regular; tmpfiles.d; kvmfr (module, device, udev rule, qemu.conf's"
                + " cgroup_device_acl); looking-glass-client; and the Windows host application's version from the"
                + " shared-memory header. Reads only; changes nothing. qemu.conf and SPICE passwords are root's to read:"
                + " with sudo doctor sees them.",
            "Without VM: every VM with Looking Glass."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin doctor", "  sudo lg-admin doctor win11", "  lg-admin doctor win11 --json",
            "", "Exit codes: 0 all pass, 1 any FAIL, 3 warnings only."})
final class DoctorCommand extends Subcommand {
    private static final String ROOT_LIBVIRT = "qemu:///system";

    @Parameters(paramLabel = "VM", arity = "0..1", description = "The VM to check (default: all with Looking Glass).")
    String name;

    @Option(names = "--json", description = "One JSON object: result (pass, warn or fail) and checks, each with id, vm, status, message"
            + " and fix. The id is stable (docs/doctor.md lists them); vm is \"\" for a host check.")
    boolean json;

    @Override
    public Integer call() {
        List<Check> checks = run();
        if (json) {
            out().println(Json.write(json(checks)));
        } else {
            out().print(text(checks, main.colour()));
        }
        return Status.exitCode(checks);
    }

    private List<Check> run() {
        FactsGatherer gather = new FactsGatherer(main.host());
        boolean direct = main.connect != null;
        String where = direct ? "libvirt at " + main.connect : "lg-daemon on the " + main.bus + " bus";
        VmBackend backend;
        String daemonProblem = "";
        try {
            backend = Backends.open(main);
        } catch (AdminException e) {
            Optional<VmBackend> fallback = direct ? Optional.empty() : Backends.libvirtAsRoot(main, ROOT_LIBVIRT);
            if (fallback.isEmpty()) {
                HostFacts host = gather.host(where, direct, e.getMessage(), "");
                List<Check> checks = new ArrayList<>(HostChecks.all(host));
                checks.add(Check.fail(lookup(), "not checked: no connection to " + where,
                        "fix the daemon and libvirt checks above, then run lg-admin doctor again"));
                return checks;
            }
            backend = fallback.get();
            daemonProblem = e.getMessage();
        }
        try (VmBackend open = backend) {
            HostFacts host = gather.host(open.description(), direct, daemonProblem, open.libvirtProblem());
            List<Check> checks = new ArrayList<>(HostChecks.all(host));
            if (!daemonProblem.isEmpty()) {
                checks.replaceAll(c -> c.name().equals("libvirt") ? HostChecks.libvirtWithoutDaemon(ROOT_LIBVIRT) : c);
            }
            List<VmView> vms;
            List<VmView> everyVm;
            try {
                everyVm = open.list();
                vms = name != null ? List.of(open.find(name)) : everyVm.stream().filter(VmView::enabled).toList();
            } catch (AdminException e) {
                checks.add(Check.fail(lookup(), e.getMessage(), "lg-admin list shows the VMs"));
                return checks;
            }
            if (vms.isEmpty()) {
                checks.add(Check.warn("vms", "no VM has Looking Glass", "lg-admin enable VM --dry-run, then without"
                        + " --dry-run"));
            }
            for (VmView vm : vms) {
                String xml;
                try {
                    xml = open.xml(vm);
                } catch (AdminException e) {
                    xml = "";
                }
                checks.addAll(VmChecks.all(host, gather.vm(vm, xml), everyVm));
            }
            return checks;
        }
    }

    /** The check that finding the VMs to check failed: of the one VM asked for, else of the host. */
    private Check.Subject lookup() {
        return name == null ? new Check.Subject("vms", "") : new Check.Subject("found", name);
    }

    static String text(List<Check> checks, boolean colour) {
        int width = checks.stream().mapToInt(c -> c.label().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Check c : checks) {
            out.append(word(c.status(), colour)).append("  ").append(c.label())
                    .append(" ".repeat(width - c.label().length() + 2)).append(c.message()).append('\n');
            if (!c.fix().isEmpty()) {
                out.append(" ".repeat(6 + width + 2)).append("fix: ").append(c.fix()).append('\n');
            }
        }
        int code = Status.exitCode(checks);
        long fails = checks.stream().filter(c -> c.status() == Status.FAIL).count();
        long warns = checks.stream().filter(c -> c.status() == Status.WARN).count();
        long skips = checks.stream().filter(c -> c.status() == Status.SKIP).count();
        long passes = checks.size() - fails - warns - skips;
        String skipped = skips == 0 ? "" : ", " + skips + " skipped";
        out.append(code == 0 ? (skips == 0 ? "all " + checks.size() + " checks passed" : passes + " passed" + skipped)
                : fails + " failed, " + warns + " warning(s), " + passes + " passed" + skipped).append('\n');
        return out.toString();
    }

    private static String word(Status status, boolean colour) {
        if (!colour) {
            return status.name();
        }
        String code = switch (status) {
            case PASS -> "32";
            case WARN -> "33";
            case FAIL -> "31;1";
            case SKIP -> "2";
        };
        return "\u001b[" + code + "m" + status.name() + "\u001b[0m";
    }

    static Map<String, Object> json(List<Check> checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        int code = Status.exitCode(checks);
        m.put("result", code == 0 ? "pass" : code == 1 ? "fail" : "warn");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", c.id());
            one.put("vm", c.vm());
            one.put("status", c.status().name());
            one.put("message", c.message());
            one.put("fix", c.fix());
            list.add(one);
        }
        m.put("checks", list);
        return m;
    }
}
