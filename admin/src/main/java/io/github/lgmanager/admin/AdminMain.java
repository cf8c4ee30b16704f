package io.github.lgmanager.admin;

import io.github.lgmanager.admin.backend.DaemonBackend;
import io.github.lgmanager.admin.backend.DirectBackend;
import io.github.lgmanager.admin.backend.VmBackend;
import io.github.lgmanager.api.ProductVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** lg-admin: configure, diagnose and size Looking Glass for libvirt VMs. */
@Command(name = "lg-admin",
        mixinStandardHelpOptions = true,
        versionProvider = AdminMain.Version.class,
        description = "Configure Looking Glass for libvirt VMs, diagnose broken setups and size the shared memory.",
        subcommands = {ListCommand.class, ShowCommand.class, EnableCommand.class, ResizeCommand.class,
            DisableCommand.class, SetCommand.class, SizeCommand.class, DoctorCommand.class, DisplayTestCommand.class,
            CommandLine.HelpCommand.class},
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
    private final Host host;
    private final boolean terminal;

    @Option(names = "--connect", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Talk to libvirt directly at URI (e.g. qemu:///system, test:///default), without lg-daemon:"
                    + " for root, scripts and tests.")
    String connect;

    @Option(names = "--bus", paramLabel = "BUS", scope = ScopeType.INHERIT, defaultValue = "system",
            description = "Where lg-daemon serves: system (default), session, or a D-Bus address.")
    String bus;

    public AdminMain() {
        this(Host.current(), false);
    }

    public AdminMain(Host host, boolean terminal) {
        this.host = host;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // dbus-java logs its transport choice at INFO; a command line shows results and errors only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(new AdminMain(Host.current(), System.console() != null), out, err, args));
    }

    /** Runs one command line with lg-admin's error handling: one line per expected failure, no stack trace. */
    public static int execute(AdminMain main, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static CommandLine commandLine(AdminMain main) {
        CommandLine cli = new CommandLine(main);
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
            failed.getErr().println("lg-admin: " + e.getMessage() + " (see " + failed.getCommandSpec().qualifiedName()
                    + " --help)");
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
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

    boolean colour() {
        return host.colour(terminal);
    }

    /** The backend the global options ask for; readOnly (doctor, list, show, dry runs) changes nothing even with --connect. */
    VmBackend backend(boolean readOnly) throws AdminException {
        return connect != null ? DirectBackend.connect(connect) : DaemonBackend.connect(bus);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lg-admin " + ProductVersion.get()};
        }
    }
}
