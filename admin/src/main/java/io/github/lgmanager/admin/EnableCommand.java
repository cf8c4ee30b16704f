// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.admin.output.DefinitionDiff;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.VmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Adds (or corrects) the Looking Glass device of a VM, sized for its resolution, and stores the"
                + " settings in the VM's own metadata. Changes to a running VM apply at its next boot unless --live.",
            "On first enable without --user, the invoking user (SUDO_USER under sudo) is the VM's user."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin enable win11 --dry-run",
            "  lg-admin enable win11 --resolution 1440p --user alice --user bob --auto-open",
            "  lg-admin enable win11 --resolution auto --with-spice --with-clipboard --no-memballoon",
            "  lg-admin enable win11 --kvmfr=/dev/kvmfr0 --client-option egl:scale=2"})
final class EnableCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--resolution", paramLabel = "RES", description = "WIDTHxHEIGHT, a preset (1080p, 1200p, 1440p,"
            + " 3440x1440, 4k, 5k, 8k) or auto (the largest mode of this host's connected monitors). Default: the VM's"
            + " current resolution, else 1920x1080.")
    String resolution;

    @Option(names = "--hdr", description = "Size for HDR frames (twice the memory with the b7 formula).")
    boolean hdr;

    @Option(names = "--formula", paramLabel = "b7|idd", description = "Sizing formula: b7 (the B7 release) or idd"
            + " (the development line's display driver).")
    String formula;

    @Option(names = "--user", paramLabel = "USER", description = "A desktop user who may see the display (repeat"
            + " for several). Replaces the VM's list.")
    List<String> users;

    @Option(names = "--auto-open", negatable = true, description = "Open the viewer for the users when the VM starts"
            + " (--no-auto-open: do not).")
    Boolean autoOpen;

    @Option(names = "--kvmfr", arity = "0..1", paramLabel = "DEVICE", fallbackValue = "/dev/kvmfr0",
            description = "Use the kvmfr kernel module's device instead of a /dev/shm file (default /dev/kvmfr0).")
    String kvmfr;

    @Option(names = "--shm-name", paramLabel = "NAME", description = "The /dev/shm file's name (default looking-glass-VMNAME: each VM has its own).")
    String shmName;

    @Option(names = "--client-option", paramLabel = "KEY=VALUE", description = "A looking-glass-client option for this"
            + " VM, e.g. egl:scale=2 or win:fullScreen=yes (repeat for several). Replaces the VM's list. Options that"
            + " choose the shared memory, SPICE endpoint, a config file or the clipboard (spice:host, app:shmFile,"
            + " spice:clipboardToVM...) are refused: they would apply to every listed user's viewer.")
    List<String> clientOptions;

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
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            Resolution res = resolution != null ? resolution(resolution).resolution()
                    : vm.enabled() ? new Resolution(vm.width(), vm.height()) : LookingGlassSettings.DEFAULT_RESOLUTION;
            Optional<List<String>> chosenUsers = Optional.ofNullable(users);
            if (users == null && !vm.enabled()) {
                chosenUsers = defaultUser();
            }
            EnableRequest request = request(res, chosenUsers);
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

    /** The invoking user, never root silently: the choice is printed either way. */
    private Optional<List<String>> defaultUser() {
        String user = main.host().invokingUser();
        if (user == null || user.isBlank() || user.equals("root")) {
            out().println("users: none (running as root without sudo; add one with --user USER or lg-admin set "
                    + name + " --user USER)");
            return Optional.empty();
        }
        out().println("users: " + user + " (the invoking user; choose others with --user)");
        return Optional.of(List.of(user));
    }

    EnableRequest request(Resolution res, Optional<List<String>> chosenUsers) {
        return new EnableRequest(res.width(), res.height(), hdr, Optional.ofNullable(formula),
                Optional.ofNullable(kvmfr).map(d -> "kvmfr"), Optional.ofNullable(kvmfr), Optional.ofNullable(shmName),
                chosenUsers, Optional.ofNullable(autoOpen), Optional.ofNullable(clientOptions).map(ArrayList::new),
                live, withSpice, withVirtioInput, withClipboard, noMemballoon, false);
    }

}
