// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.ProductVersion;
import java.io.PrintWriter;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** lg-daemon's command line; its help text is where the options are documented. */
@Command(name = "lg-daemon",
        mixinStandardHelpOptions = true,
        versionProvider = DaemonOptions.Version.class,
        // one element per line, each under 80 columns: picocli would otherwise break the bus name at a dot
        description = {"The privileged lg-manager service: watches libvirt VMs, keeps their",
            "Looking Glass shared memory sized and readable by their users, and serves",
            "io.github.lgmanager1 on D-Bus."},
        footer = {"", "Exit status: 0 when stopped by a signal after serving; 1 when it cannot connect to the bus or own"
            + " its name; 2 for a usage error."})
final class DaemonOptions {
    static final String DEFAULT_URI = "qemu:///system";
    static final String DEFAULT_BUS = "system";

    @Option(names = {"-c", "--connect"}, paramLabel = "URI", defaultValue = DEFAULT_URI, converter = NonEmpty.class,
            description = "libvirt connection (default: ${DEFAULT-VALUE})")
    private String libvirtUri;

    @Option(names = "--bus", paramLabel = "BUS", defaultValue = DEFAULT_BUS, converter = NonEmpty.class,
            description = {"system (default; changes authorized by polkit), session, or a D-Bus address (changes"
                + " accepted only from root and the daemon's own user)"})
    private String bus;

    String libvirtUri() {
        return libvirtUri;
    }

    /** {@code system}, {@code session} or a D-Bus address. */
    String bus() {
        return bus;
    }

    boolean onSystemBus() {
        return bus.equals("system");
    }

    /** The options in {@code args}; a bad argument is a {@link CommandLine.ParameterException} with picocli's message. */
    static DaemonOptions parse(String... args) {
        DaemonOptions options = new DaemonOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    /**
     * Runs lg-daemon's command line: {@code --help} and {@code --version} print on {@code out} and return 0; a bad
     * argument prints picocli's message and the usage on {@code err} and returns 2; otherwise {@code daemon} runs
     * with the options and its status is returned.
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, ToIntFunction<DaemonOptions> daemon) {
        DaemonOptions options = new DaemonOptions();
        CommandLine cli = new CommandLine(options);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("lg-daemon: " + e.getMessage());
            failed.usage(failed.getErr());
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionStrategy(parsed -> {
            Integer helpStatus = CommandLine.executeHelpRequest(parsed);
            return helpStatus != null ? helpStatus : daemon.applyAsInt(options);
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** An empty URI or bus would only fail later, with a less helpful message. */
    static final class NonEmpty implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("needs a non-empty value");
            }
            return value;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lg-daemon " + ProductVersion.get()};
        }
    }
}
