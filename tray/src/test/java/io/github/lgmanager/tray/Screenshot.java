// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import io.github.lgmanager.testkit.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;

/** A PNG of a whole X display (xwd + ImageMagick's convert), kept under target/ as a test artifact. */
final class Screenshot {
    private Screenshot() {
    }

    static Path take(String display, Path png) {
        Path absolute = png.toAbsolutePath();
        ExternalProcess.check(Duration.ofSeconds(30), "/bin/sh", "-c",
                "/usr/bin/xwd -silent -root -display \"$1\" | /usr/bin/convert xwd:- \"png:$2\"", "screenshot",
                display, absolute.toString());
        return absolute;
    }
}
