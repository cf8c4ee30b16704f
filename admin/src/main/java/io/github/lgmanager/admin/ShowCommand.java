// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.output.Json;
import io.github.lgmanager.admin.output.Table;
import io.github.lgmanager.admin.output.VmJson;
import io.github.lgmanager.core.vm.VmView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One VM's Looking Glass settings and state, or its libvirt definition (without passwords).",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin show win11", "  lg-admin show win11 --json", "  lg-admin show win11 --xml"})
final class ShowCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--json", description = "A JSON object, for scripts.")
    boolean json;

    @Option(names = "--xml", description = "The VM's persistent libvirt XML, as virsh -r dumpxml shows it.")
    boolean xml;

    @Override
    public Integer call() throws AdminException {
        if (json && xml) {
            // each is a whole answer on stdout: silently printing one would hand a script the wrong format
            throw new AdminException("--json and --xml cannot be used together; choose one", AdminException.USAGE);
        }
        try (VmBackend backend = Backends.open(main, !json)) {
            VmView vm = backend.find(name);
            if (xml) {
                out().print(backend.xml(vm));
            } else if (json) {
                out().println(Json.write(VmJson.of(vm)));
            } else {
                out().print(text(vm));
            }
        }
        return 0;
    }

    static String text(VmView vm) {
        Table t = new Table("name:", vm.name());
        t.row("uuid:", vm.uuid());
        t.row("state:", ListCommand.state(vm));
        t.row("looking glass:", vm.enabled() ? "on" : "off");
        if (!vm.enabled() && vm.requiredSizeMiB() > 0) {
            // a disabled VM with settings kept in its metadata: what the next enable restores
            t.row("kept for enable:", vm.width() + "x" + vm.height() + (vm.hdr() ? " HDR" : " SDR") + ", users "
                    + (vm.users().isEmpty() ? "(none)" : String.join(", ", vm.users())) + ", client options "
                    + (vm.clientOptions().isEmpty() ? "(none)" : String.join(" ", vm.clientOptions())));
        }
        if (vm.enabled()) {
            t.row("mode:", vm.mode());
            t.row("shared memory:", vm.shmPath() + ", " + ListCommand.size(vm));
            t.row("resolution:", vm.width() + "x" + vm.height() + (vm.hdr() ? " HDR" : " SDR") + ", formula " + vm.formula()
                    + " (needs " + vm.requiredSizeMiB() + " MiB)");
            t.row("users:", vm.users().isEmpty() ? "(none)" : String.join(", ", vm.users()));
            t.row("auto-open:", vm.autoOpenUsers().isEmpty() ? "(no user chose it)" : String.join(", ", vm.autoOpenUsers())
                    + " (each listed user's own choice)");
            t.row("client options:", vm.clientOptions().isEmpty() ? "(none)" : String.join(" ", vm.clientOptions()));
            if (vm.running()) {
                t.row("acl applied:", vm.aclApplied() ? "yes" : "no");
                t.row("spice:", vm.spiceHost().isEmpty() ? "(none)"
                        : vm.spicePort() == 0 ? vm.spiceHost() : vm.spiceHost() + ":" + vm.spicePort());
            }
            if (vm.pendingRestart()) {
                t.row("pending:", "the definition changed; restart the VM to apply it");
            }
        }
        if (!vm.lastError().isEmpty()) {
            t.row("last error:", vm.lastError());
        }
        return t.render();
    }

}
