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
        description = {"Removes the Looking Glass device from a VM, and what libvirt added to place it (a root port, a"
                + " bridge, a multifunction flag: only on a q35 VM that had no free slot, function or empty root port"
                + " for it); nothing else in the VM changes.",
            "The settings (resolution, HDR, formula, users and their auto-open choices, client options, mode, file"
                + " name) stay in the VM's metadata, so a later enable restores them. --forget removes them too."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin disable win11 --dry-run", "  lg-admin disable win11",
            "  lg-admin disable win11 --forget      (as before the first enable)"})
final class DisableCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--forget", description = "Also remove our settings from the VM's metadata (and <metadata> if"
            + " that leaves it empty): the definition is then as it was before the first enable.")
    boolean forget;

    @Option(names = "--dry-run", description = "Print a unified diff of the VM's XML; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws AdminException {
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            if (!vm.enabled() && !forget) {
                // idempotent, like systemctl disable: the VM already is as asked, which is not an error
                out().println("Looking Glass is already off for VM '" + vm.name() + "'; nothing changed");
                return 0;
            }
            if (dryRun) {
                Preview preview = backend.previewDisable(vm, forget);
                printNotes(out(), preview.notes());
                out().print(DefinitionDiff.of(vm.name(), preview));
            } else {
                printNotes(out(), backend.disable(vm, forget));
            }
        }
        return 0;
    }
}
