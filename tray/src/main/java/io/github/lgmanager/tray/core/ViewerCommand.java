// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import io.github.lgmanager.core.settings.ReservedClientOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The viewer's argument list. Order matters: looking-glass-client lets a later option override an earlier one,
 * so the display's own flags come first, then the VM's client options (set by the admin), then the user's own.
 * Never a shell string: nothing here is ever interpreted by a shell.
 */
public final class ViewerCommand {
    public static final String DEFAULT_VIEWER = "looking-glass-client";
    /** A VM option the client reads as one {@code module:name=value}; a flag such as -f would take the next word. */
    private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9]*=.*", Pattern.DOTALL);

    private ViewerCommand() {
    }

    /**
     * @param viewer the configured command: a program (looked up in PATH when it has no '/') optionally followed by
     *               fixed arguments, separated by whitespace; no quoting is interpreted
     */
    public static List<String> build(String viewer, DisplayTarget display, List<String> vmOptions, List<String> userOptions) {
        List<String> argv = new ArrayList<>(split(viewer));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the viewer command is empty; set viewer= in tray.properties or pass --viewer");
        }
        argv.add("-f");
        argv.add(display.shmPath());
        if (display.hasSpice()) {
            // Port 0 with a path as "host" is looking-glass-client's own convention for a UNIX socket.
            argv.add("-c");
            argv.add(display.spiceHost());
            argv.add("-p");
            argv.add(Integer.toString(display.spicePort()));
        } else {
            // No SPICE graphics: without this the client keeps trying 127.0.0.1:5900, someone else's VM maybe.
            argv.add("spice:enable=no");
        }
        argv.addAll(passable(vmOptions));
        argv.addAll(userOptions);
        return List.copyOf(argv);
    }

    /**
     * The VM's options the viewer may be given: lg-daemon refuses reserved ones, but settings stored before it did,
     * or a daemon we do not trust to, must still not choose this user's shared memory, SPICE endpoint or clipboard.
     */
    static List<String> passable(List<String> vmOptions) {
        return vmOptions.stream().filter(o -> OPTION.matcher(o).matches()
                && ReservedClientOptions.reason(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1)).isEmpty())
                .toList();
    }

    /** Whitespace-separated words; blank gives an empty list. */
    public static List<String> split(String words) {
        String trimmed = words == null ? "" : words.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
