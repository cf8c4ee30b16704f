// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Changes the settings of a VM with Looking Glass: resolution, users, auto-open, viewer options.",
            "Everything given is one change to the VM's definition; every setting not given keeps its current value."
                + " Values equal to the current ones change nothing, and set says so."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin set win11 --add-user bob --remove-client-option egl:scale",
            "  lg-admin set win11 --no-auto-open            (your own choice)",
            "  lg-admin set win11 --resolution 4k --hdr",
            "  lg-admin set win11 --user alice --client-option win:fullScreen=yes",
            "  lg-admin set win11 --clear-client-options"})
final class SetCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Override
    public Integer call() throws AdminException {
        SettingsChange change = settings.change(this, SettingsOptions.chooser(main.host()));
        if (change.isEmpty()) {
            throw new AdminException("nothing to set: give --resolution, --hdr, --formula, --user, --add-user,"
                    + " --remove-user, --auto-open/--no-auto-open or a --client-option flag", AdminException.USAGE);
        }
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            printNotes(out(), backend.configure(vm, change));
        }
        return 0;
    }
}
