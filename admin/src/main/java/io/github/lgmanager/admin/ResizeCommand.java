// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resize", mixinStandardHelpOptions = true,
        description = {"Resizes the Looking Glass device of an enabled VM for a new resolution (applies at next boot).",
            "The same as lg-admin set VM --resolution RES: HDR and formula keep their current values unless given."},
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin resize win11 --resolution 4k", "  lg-admin resize win11 --resolution auto --hdr"})
final class ResizeCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--resolution", paramLabel = "RES", required = true,
            description = "WIDTHxHEIGHT, a preset (1080p, 1440p, 4k, ...) or auto.")
    String resolution;

    @Option(names = "--hdr", negatable = true, description = "Size for HDR frames (--no-hdr: for SDR)."
            + SettingsOptions.KEEPS)
    Boolean hdr;

    @Override
    public Integer call() throws AdminException {
        Resolution res = resolution(resolution).resolution();
        SettingsChange change = SettingsChange.NONE.withResolution(res.width(), res.height(), Optional.ofNullable(hdr));
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            printNotes(out(), backend.configure(vm, change));
        }
        return 0;
    }
}
