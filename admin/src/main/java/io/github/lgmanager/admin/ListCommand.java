// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.output.Json;
import io.github.lgmanager.admin.output.Table;
import io.github.lgmanager.admin.output.VmJson;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Every VM: state, Looking Glass on/off, mode, shared memory path and size, resolution, users,"
                + " auto-open and whether the users were granted access since the VM started.",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin list", "  lg-admin list --json | jq '.[] | select(.lookingGlass) | .name'",
            "  lg-admin --connect qemu:///system list"})
final class ListCommand extends Subcommand {
    @Option(names = "--json", description = "A JSON array, one object per VM, for scripts.")
    boolean json;

    @Override
    public Integer call() throws AdminException {
        try (VmBackend backend = Backends.open(main, !json)) {
            List<VmView> vms = backend.list();
            String problem = backend.libvirtProblem();
            if (!problem.isEmpty()) {
                // an empty table alone would read as "no VMs"
                spec.commandLine().getErr().println("lg-admin: warning: " + problem + "; VMs appear once it answers (is libvirtd running?"
                        + " systemctl start libvirtd)");
            }
            if (json) {
                out().println(Json.write(vms.stream().map(VmJson::of).toList()));
            } else {
                out().print(table(vms));
            }
        }
        return 0;
    }

    static String table(List<VmView> vms) {
        Table table = new Table("NAME", "STATE", "LG", "MODE", "SHM", "SIZE", "RESOLUTION", "USERS", "AUTO-OPEN", "ACL");
        for (VmView vm : vms) {
            if (!vm.enabled()) {
                table.row(vm.name(), state(vm), "off", "-", "-", "-", "-", "-", "-", "-");
                continue;
            }
            table.row(vm.name(), state(vm), "on", vm.mode(), vm.shmPath(), size(vm),
                    vm.width() + "x" + vm.height() + (vm.hdr() ? " HDR" : ""),
                    vm.users().isEmpty() ? "-" : String.join(",", vm.users()),
                    vm.autoOpenUsers().isEmpty() ? "-" : String.join(",", vm.autoOpenUsers()),
                    !vm.running() ? "-" : vm.aclApplied() ? "yes" : "no");
        }
        return table.render();
    }

    static String state(VmView vm) {
        return vm.running() ? "running" : "shut off";
    }

    /** "32 MiB", with the required size when the device is too small for the resolution. */
    static String size(VmView vm) {
        String size = vm.shmSizeMiB() + " MiB";
        return vm.shmSizeMiB() < vm.requiredSizeMiB() ? size + " (needs " + vm.requiredSizeMiB() + ")" : size;
    }

}
