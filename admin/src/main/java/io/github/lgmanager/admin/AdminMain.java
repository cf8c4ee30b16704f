// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.admin.output.HelpWrap;
import io.github.lgmanager.api.ProductVersion;
import io.github.lgmanager.core.log.ProgramLogging;
import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * lg-admin: configure, diagnose and size Looking Glass for libvirt VMs.
 *
 * <p>Start-up is most of what a command like {@code lg-admin size 4k} costs, so nothing here names a backend
 * (libvirt, JNA and D-Bus load only when a command opens one: {@link Backends}), and a command line is given only
 * the command it names (see {@link #commandLine(AdminMain, String...)}). AdminClassLoadingIT keeps it so.
 */
@Command(name = "lg-admin",
        mixinStandardHelpOptions = true,
        versionProvider = AdminMain.Version.class,
        description = "Configure Looking Glass for libvirt VMs, diagnose broken setups and size the shared memory.",
        footerHeading = "%nExamples:%n",
        footer = {"  lg-admin list",
            "  sudo lg-admin enable win11 --resolution 1440p --user alice --dry-run",
            "  lg-admin doctor win11",
            "  lg-admin size 4k --hdr",
            "  lg-admin display-test win11 --seconds 30",
            "",
            "Without --connect every command goes through lg-daemon on the system bus (polkit decides).",
            "Exit codes: 0 ok, 1 failure, 2 usage error; doctor: 3 when there are warnings only."})
public final class AdminMain implements Callable<Integer> {
    /** Every command, in the order --help lists them (then help). */
    static final List<Class<? extends Subcommand>> COMMANDS = List.of(ListCommand.class, ShowCommand.class,
            EnableCommand.class, ResizeCommand.class, DisableCommand.class, SetCommand.class, SizeCommand.class,
            DoctorCommand.class, DisplayTestCommand.class);

    private final Host host;
    private final boolean terminal;
    /** Only main's run owns the process's logging: tests that run lg-admin in their own JVM keep theirs. */
    private final boolean ownsLogging;

    @Option(names = "--connect", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Talk to libvirt directly at URI (e.g. qemu:///system, test:///default), without lg-daemon:"
                    + " for root, scripts and tests.")
    String connect;

    @Option(names = "--bus", paramLabel = "BUS", scope = ScopeType.INHERIT, defaultValue = "system",
            description = "Where lg-daemon serves: system (default), session, or a D-Bus address.")
    String bus;

    @Option(names = "--no-ask-password", scope = ScopeType.INHERIT,
            description = "Never ask for a password: a change polkit wants one for is refused. By default a non-root"
                    + " user on a terminal is asked there (polkit's text agent, as systemctl does).")
    boolean noAskPassword;

    public AdminMain() {
        this(Host.current(), false);
    }

    public AdminMain(Host host, boolean terminal) {
        this(host, terminal, false);
    }

    private AdminMain(Host host, boolean terminal, boolean ownsLogging) {
        this.host = host;
        this.terminal = terminal;
        this.ownsLogging = ownsLogging;
    }

    public static void main(String[] args) {
        // picocli otherwise looks for Groovy and registers java.sql and java.time converters by reflection at each
        // start; lg-admin has no option of those types (docs/benchmarks.md, figure 6).
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(new AdminMain(Host.current(), System.console() != null, true), out, err, args));
    }

    /** Runs one command line with lg-admin's error handling: one line per expected failure, no stack trace. */
    public static int execute(AdminMain main, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(main, args);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** lg-admin with every command: for completion, the manual and tests. */
    public static CommandLine commandLine(AdminMain main) {
        return withHandlers(withCommands(new CommandLine(main), COMMANDS, true));
    }

    /**
     * lg-admin for one command line. picocli reads every command it is given by reflection, a good part of
     * lg-admin's start-up; so when the line names a command, only that one is given. A line that names none (help,
     * a mistyped name, no command) is given every command, so help lists them all.
     */
    static CommandLine commandLine(AdminMain main, String... args) {
        CommandLine cli = new CommandLine(main);
        Optional<Class<? extends Subcommand>> named = commandName(cli.getCommandSpec(), args)
                .flatMap(name -> COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(name))
                        .findFirst());
        return withHandlers(named.isPresent() ? withCommands(cli, List.of(named.get()), false)
                : withCommands(cli, COMMANDS, true));
    }

    /** The first argument that is neither an option of lg-admin itself nor such an option's value. */
    static Optional<String> commandName(CommandSpec top, String... args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return Optional.of(args[i]);
            }
            OptionSpec option = top.findOption(args[i]);
            if (option != null && option.arity().max() > 0) {
                i++;
            }
        }
        return Optional.empty();
    }

    private static CommandLine withCommands(CommandLine cli, List<Class<? extends Subcommand>> commands, boolean help) {
        for (Class<? extends Subcommand> command : commands) {
            cli.addSubcommand(command);
        }
        if (help) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        return cli;
    }

    private static CommandLine withHandlers(CommandLine cli) {
        HelpWrap.install(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof AdminException failure) {
                commandLine.getErr().println("lg-admin: " + failure.getMessage());
                return failure.exitCode();
            }
            commandLine.getErr().println("lg-admin: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return CommandLine.ExitCode.SOFTWARE;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            Optional<String> negative = negativeResolution(failed, args);
            if (negative.isPresent()) {
                failed.getErr().println("lg-admin: " + negative.get());
                return CommandLine.ExitCode.USAGE;
            }
            failed.getErr().println("lg-admin: " + problem(e) + didYouMean(e) + " (see "
                    + failed.getCommandSpec().qualifiedName() + " --help)");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    /**
     * "lg-admin size -5x100": picocli reads the negative number as an unknown option and reports a missing RES. The
     * user gave a resolution, so they get the resolution's own error, worded as for any other bad size.
     */
    static Optional<String> negativeResolution(CommandLine failed, String[] args) {
        boolean takesResolution = failed.getCommandSpec().args().stream().anyMatch(a -> "RES".equals(a.paramLabel()));
        if (!takesResolution) {
            return Optional.empty();
        }
        for (String arg : args) {
            if (arg.matches("-\\d+(x-?\\d+)?")) {
                try {
                    Resolution.parse(arg);
                } catch (InvalidResolutionException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** "Unmatched arguments from index 0: 'sise', '4k'" says less than what it is: a command we do not have. */
    static String problem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && e.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return e.getMessage();
    }

    /** picocli's closest commands or options to a mistyped one ("sise" → size), as a hint after the error. */
    static String didYouMean(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?";
        }
        return "";
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing: list, show, enable,"
                + " resize, disable, set, size, doctor or display-test");
    }

    Host host() {
        return host;
    }

    /** Whether a person watches: progress ticks live on a terminal, and is one line elsewhere. */
    boolean terminal() {
        return terminal;
    }

    /** A change may ask for a password on this terminal: a person is there to type it, and root is never asked. */
    boolean mayAskPassword() {
        return terminal && !noAskPassword && !host.userName().equals("root") && bus.equals("system");
    }

    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean colour() {
        return host.colour(terminal);
    }

    /**
     * Called before lg-admin first reaches a library that logs (dbus-java logs every connection at INFO), so that a
     * command line shows results, warnings and errors only. Not at start-up: java.util.logging's own start costs
     * 20 to 60 ms here, a large part of a command that reaches no library (docs/benchmarks.md, figure 6).
     */
    void configureLogging() {
        if (ownsLogging) {
            ProgramLogging.configure("lg-admin", Level.WARNING);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lg-admin " + ProductVersion.get()};
        }
    }
}
