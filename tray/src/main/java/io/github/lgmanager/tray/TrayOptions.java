package io.github.lgmanager.tray;

/** lg-tray's command line, parsed without side effects so that it can be tested. */
public record TrayOptions(String viewer, String busAddress, boolean noTray, boolean forceXembed, Action action) {
    public enum Action { RUN, HELP, VERSION }

    public static final String USAGE = """
            Usage: lg-tray [--no-tray] [--xembed] [--viewer CMD] [--bus ADDRESS]
            The desktop side of lg-manager: opens the Looking Glass viewer when your VM starts.
              --viewer CMD    the viewer program and fixed arguments, split at spaces (no shell);
                              overrides viewer= in $XDG_CONFIG_HOME/lg-manager/tray.properties
                              (default: looking-glass-client from PATH)
              --bus ADDRESS   talk to lg-daemon on this D-Bus address instead of the system bus
              --no-tray       run only the auto-open listener (desktops without a tray)
              --xembed        use SWT's XEmbed tray icon even when a StatusNotifierItem host is present
              -h, --help      show this help
              -V, --version   print the version
            Settings file keys: viewer, viewer_options, close_on_display_closed (true|false).
            Viewer output goes to $XDG_STATE_HOME/lg-manager/viewer-VM.log.
            """;

    public static TrayOptions parse(String... args) throws UsageException {
        String viewer = null;
        String bus = null;
        boolean noTray = false;
        boolean xembed = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new TrayOptions(null, null, false, false, Action.HELP);
                }
                case "-V", "--version" -> {
                    return new TrayOptions(null, null, false, false, Action.VERSION);
                }
                case "--no-tray" -> noTray = true;
                case "--xembed" -> xembed = true;
                case "--viewer" -> viewer = value(args, ++i, arg);
                case "--bus" -> bus = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--viewer=")) {
                        viewer = nonBlank(arg.substring("--viewer=".length()), "--viewer");
                    } else if (arg.startsWith("--bus=")) {
                        bus = nonBlank(arg.substring("--bus=".length()), "--bus");
                    } else {
                        throw new UsageException("unknown argument '" + arg + "' (see lg-tray --help)");
                    }
                }
            }
        }
        return new TrayOptions(viewer, bus, noTray, xembed, Action.RUN);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return nonBlank(args[index], option);
    }

    private static String nonBlank(String value, String option) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a non-empty value");
        }
        return value;
    }

    /** A command line that cannot be run; the message says what is wrong. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
