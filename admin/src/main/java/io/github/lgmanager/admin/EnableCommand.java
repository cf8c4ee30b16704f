// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.output.DefinitionDiff;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Adds (or corrects) the Looking Glass device of a VM, sized for its resolution, and stores the"
                + " settings in the VM's own metadata. Changes to a running VM apply at its next boot unless --live.",
            "Every setting not given keeps the VM's current value, or the value kept when it was disabled; the"
                + " defaults apply only on first enable. On first enable without --user, the invoking user"
                + " (SUDO_USER under sudo) is the VM's user.",
            "On a VM that already has Looking Glass with the same settings, enable changes nothing and says so."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin enable win11 --dry-run",
            "  lg-admin enable win11 --resolution 1440p --user alice --user bob",
            "  lg-admin enable win11 --with-spice            (keeps resolution, HDR and users)",
            "  lg-admin enable win11 --resolution auto --with-spice --with-clipboard --no-memballoon",
            "  lg-admin enable win11 --kvmfr=/dev/kvmfr0 --client-option egl:scale=2"})
final class EnableCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Option(names = "--kvmfr", arity = "0..1", paramLabel = "DEVICE", fallbackValue = "/dev/kvmfr0",
            description = "Use the kvmfr kernel module's device instead of a /dev/shm file (default /dev/kvmfr0)."
                    + SettingsOptions.KEEPS)
    String kvmfr;

    @Option(names = "--shm-name", paramLabel = "NAME", description = "The /dev/shm file's name (first enable:"
            + " looking-glass-VMNAME, each VM its own)." + SettingsOptions.KEEPS)
    String shmName;

    @Option(names = "--with-spice", description = "Also put SPICE (keyboard, mouse, clipboard) on a UNIX socket only"
            + " the VM's users can reach; moves SPICE off TCP, where any local user could type into the guest.")
    boolean withSpice;

    @Option(names = "--with-virtio-input", description = "Also add virtio keyboard and mouse.")
    boolean withVirtioInput;

    @Option(names = "--with-clipboard", description = "Also add the SPICE clipboard channel.")
    boolean withClipboard;

    @Option(names = "--no-memballoon", description = "Also disable the memory balloon (slow with VFIO passthrough).")
    boolean noMemballoon;

    @Option(names = "--live", description = "Also hot-plug the device into the running VM.")
    boolean live;

    @Option(names = "--dry-run", description = "Print the notes and a unified diff of the VM's XML; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws AdminException {
        EnableRequest request = request();
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            if (dryRun) {
                Preview preview = backend.previewEnable(vm, request);
                printNotes(out(), preview.notes());
                out().print(DefinitionDiff.of(vm.name(), preview));
                return 0;
            }
            printNotes(out(), backend.enable(vm, request));
        }
        return 0;
    }

    /** The request, every value checked before any backend is contacted. */
    EnableRequest request() throws AdminException {
        if (kvmfr != null && shmName != null) {
            throw new AdminException("--kvmfr and --shm-name cannot be combined: a kvmfr VM has no /dev/shm file;"
                    + " nothing was changed", AdminException.USAGE);
        }
        SettingsChange change = settings.change(this, SettingsOptions.chooser(main.host()));
        return new EnableRequest(change, Optional.ofNullable(kvmfr).map(d -> "kvmfr"), Optional.ofNullable(kvmfr),
                Optional.ofNullable(shmName), initialUsers(), live, withSpice, withVirtioInput, withClipboard,
                noMemballoon, false);
    }

    /** The invoking user, for a VM that never had our settings; never root: the note says who it was. */
    private Optional<List<String>> initialUsers() {
        String user = main.host().invokingUser();
        return user == null || user.isBlank() || user.equals("root") ? Optional.empty() : Optional.of(List.of(user));
    }
}
