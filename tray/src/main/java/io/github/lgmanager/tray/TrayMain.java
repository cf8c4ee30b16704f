package io.github.lgmanager.tray;

import io.github.lgmanager.api.ProductVersion;

/** lg-tray's entry point. */
public final class TrayMain {
    private static final String USAGE = """
            Usage: lg-tray [--no-tray]
            The desktop side of lg-manager: opens the Looking Glass viewer when your VM starts.
              --no-tray       run only the auto-open listener (desktops without a tray)
              -h, --help      show this help
              -V, --version   print the version
            """;

    private TrayMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            System.out.println("lg-tray " + ProductVersion.get());
            return;
        }
        System.err.println("lg-tray: the tray is not part of this build yet; only --help and --version work");
        System.exit(1);
    }
}
