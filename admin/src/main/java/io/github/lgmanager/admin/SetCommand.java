// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Changes the users, auto-open or viewer options of a VM with Looking Glass.",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin set win11 --user alice --user bob", "  lg-admin set win11 --no-auto-open",
            "  lg-admin set win11 --client-option win:fullScreen=yes --client-option egl:scale=2"})
final class SetCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--user", paramLabel = "USER", description = "The VM's users (repeat; replaces the list).")
    List<String> users;

    @Option(names = "--auto-open", negatable = true, description = "Open the viewer when the VM starts.")
    Boolean autoOpen;

    @Option(names = "--client-option", paramLabel = "KEY=VALUE", description = "looking-glass-client options (repeat;"
            + " replaces the list). spice:host, app:shmFile, spice:clipboardToVM and the like are refused, as for enable.")
    List<String> clientOptions;

    @Override
    public Integer call() throws AdminException {
        if (users == null && autoOpen == null && clientOptions == null) {
            throw new AdminException("nothing to set: give --user, --auto-open/--no-auto-open or --client-option",
                    AdminException.USAGE);
        }
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            if (users != null) {
                backend.setUsers(vm, users);
                out().println("users: " + (users.isEmpty() ? "(none)" : String.join(", ", users)));
            }
            if (autoOpen != null) {
                backend.setAutoOpen(vm, autoOpen);
                out().println("auto-open: " + (autoOpen ? "yes" : "no"));
            }
            if (clientOptions != null) {
                backend.setClientOptions(vm, clientOptions);
                out().println("client options: " + String.join(" ", clientOptions));
            }
        }
        return 0;
    }
}
