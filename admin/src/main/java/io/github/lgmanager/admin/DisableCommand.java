// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.output.DefinitionDiff;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.VmView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Removes the Looking Glass device from a VM; nothing else in the VM changes.",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin disable win11 --dry-run", "  lg-admin disable win11"})
final class DisableCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--dry-run", description = "Print a unified diff of the VM's XML; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws AdminException {
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            if (!vm.enabled()) {
                // idempotent, like systemctl disable: the VM already is as asked, which is not an error
                out().println("Looking Glass is already off for VM '" + vm.name() + "'; nothing changed");
                return 0;
            }
            if (dryRun) {
                Preview preview = backend.previewDisable(vm);
                printNotes(out(), preview.notes());
                out().print(DefinitionDiff.of(vm.name(), preview));
            } else {
                printNotes(out(), backend.disable(vm));
            }
        }
        return 0;
    }

}
