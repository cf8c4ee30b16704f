// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.output.Json;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "size", mixinStandardHelpOptions = true,
        description = "The shared-memory size a resolution needs. Needs neither lg-daemon nor libvirt.",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin size 1440p", "  lg-admin size 3840x2160 --hdr", "  lg-admin size auto --formula idd --json"})
final class SizeCommand extends Subcommand {
    @Parameters(paramLabel = "RES", description = "WIDTHxHEIGHT, a preset (1080p, 1440p, 4k, ...) or auto.")
    String resolution;

    @Option(names = "--hdr", description = "HDR frames.")
    boolean hdr;

    @Option(names = "--formula", paramLabel = "b7|idd", defaultValue = "b7", description = "b7 (default) or idd.")
    String formula;

    @Option(names = "--json", description = "{\"width\":W,\"height\":H,\"hdr\":B,\"formula\":\"b7\",\"sizeMiB\":N}")
    boolean json;

    @Override
    public Integer call() throws AdminException {
        ShmFormula f = ShmFormula.fromId(formula).orElseThrow(() -> new AdminException(
                "unknown formula '" + formula + "' (use b7 or idd)", AdminException.USAGE));
        Resolution res = json ? quietResolution() : resolution(resolution).resolution();
        long mib = f.sizeMiB(res, hdr);
        if (json) {
            out().println(Json.write(json(res, hdr, f, mib)));
        } else {
            out().println(res + (hdr ? " HDR" : " SDR") + " (" + f.id() + "): " + mib + " MiB");
        }
        return 0;
    }

    /** With --json the output is the JSON alone, even for auto. */
    private Resolution quietResolution() throws AdminException {
        try {
            return MonitorModes.parse(resolution, main.host().path("sys/class/drm")).resolution();
        } catch (io.github.lgmanager.core.sizing.InvalidResolutionException e) {
            throw new AdminException(e.getMessage(), AdminException.USAGE);
        }
    }

    static Map<String, Object> json(Resolution res, boolean hdr, ShmFormula f, long mib) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", res.width());
        m.put("height", res.height());
        m.put("hdr", hdr);
        m.put("formula", f.id());
        m.put("sizeMiB", mib);
        return m;
    }
}
