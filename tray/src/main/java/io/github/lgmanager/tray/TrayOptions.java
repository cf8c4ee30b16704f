// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import io.github.lgmanager.api.ProductVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** lg-tray's command line, parsed without side effects so that it can be tested. */
public record TrayOptions(String viewer, String busAddress, boolean noTray, boolean forceXembed, boolean allVms, Action action) {
    public enum Action { RUN, HELP, VERSION }

    /** The options as picocli reads them; the help text is written here, once. */
    @Command(name = "lg-tray", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
            versionProvider = Spec.Version.class,
            description = "The desktop side of lg-manager: opens the Looking Glass viewer when your VM starts.",
            footer = {"Settings file keys: viewer, viewer_options, close_on_display_closed (true|false).",
                "Viewer output goes to $XDG_STATE_HOME/lg-manager/viewer-VM.log."})
    static final class Spec {
        @Option(names = "--viewer", paramLabel = "CMD", description = {
            "the viewer program and fixed arguments, split at spaces (no shell);",
            "overrides viewer= in $XDG_CONFIG_HOME/lg-manager/tray.properties",
            "(default: looking-glass-client from PATH)"})
        String viewer;

        @Option(names = "--bus", paramLabel = "ADDRESS",
                description = "talk to lg-daemon on this D-Bus address instead of the system bus")
        String bus;

        @Option(names = "--no-tray", description = "run only the auto-open listener (desktops without a tray)")
        boolean noTray;

        @Option(names = "--xembed",
                description = "use SWT's XEmbed tray icon even when a StatusNotifierItem host is present")
        boolean xembed;

        @Option(names = "--all-vms", description = {
            "list every VM of this host, not only those that list you as a user",
            "(for administrators who set VMs up from the tray)"})
        boolean allVms;

        static final class Version implements CommandLine.IVersionProvider {
            @Override
            public String[] getVersion() {
                return new String[] {version()};
            }
        }
    }

    public static TrayOptions parse(String... args) throws UsageException {
        CommandLine cli = new CommandLine(new Spec());
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (parsed.isUsageHelpRequested()) {
            return new TrayOptions(null, null, false, false, false, Action.HELP);
        }
        if (parsed.isVersionHelpRequested()) {
            return new TrayOptions(null, null, false, false, false, Action.VERSION);
        }
        Spec spec = cli.getCommand();
        // picocli takes "--viewer=" as an empty value; an empty program or address would fail later, less clearly
        return new TrayOptions(nonBlank(spec.viewer, "--viewer"), nonBlank(spec.bus, "--bus"), spec.noTray, spec.xembed,
                spec.allVms, Action.RUN);
    }

    private static String nonBlank(String value, String option) throws UsageException {
        if (value != null && value.isBlank()) {
            throw new UsageException(option + " needs a non-empty value");
        }
        return value;
    }

    /** The help text, as --help prints it and a usage error repeats it. */
    public static String usage() {
        return new CommandLine(new Spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    public static String version() {
        return "lg-tray " + ProductVersion.get();
    }

    /** A command line that cannot be run; the message says what is wrong. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
