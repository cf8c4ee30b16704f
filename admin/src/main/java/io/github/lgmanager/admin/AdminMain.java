package io.github.lgmanager.admin;

import io.github.lgmanager.api.ProductVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** lg-admin: configure, diagnose and size Looking Glass for libvirt VMs. */
@Command(name = "lg-admin",
        mixinStandardHelpOptions = true,
        versionProvider = AdminMain.Version.class,
        description = "Configure Looking Glass for libvirt VMs, diagnose broken setups and size the shared memory.")
public final class AdminMain implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new AdminMain()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return CommandLine.ExitCode.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lg-admin " + ProductVersion.get()};
        }
    }
}
