// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.VmView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resize", mixinStandardHelpOptions = true,
        description = "Resizes the Looking Glass device of an enabled VM for a new resolution (applies at next boot).",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin resize win11 --resolution 4k", "  lg-admin resize win11 --resolution auto --hdr"})
final class ResizeCommand extends Subcommand {
    @Parameters(paramLabel = "VM", description = "The VM's name.")
    String name;

    @Option(names = "--resolution", paramLabel = "RES", required = true,
            description = "WIDTHxHEIGHT, a preset (1080p, 1440p, 4k, ...) or auto.")
    String resolution;

    @Option(names = "--hdr", description = "Size for HDR frames.")
    boolean hdr;

    @Override
    public Integer call() throws AdminException {
        Resolution res = resolution(resolution).resolution();
        try (VmBackend backend = Backends.open(main)) {
            VmView vm = backend.find(name);
            printNotes(out(), backend.resize(vm, res.width(), res.height(), hdr));
        }
        return 0;
    }
}
