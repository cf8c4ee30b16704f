package io.github.lgmanager.daemon;

import io.github.lgmanager.api.ProductVersion;

/** lg-daemon's entry point. */
public final class DaemonMain {
    private static final String USAGE = """
            Usage: lg-daemon [--connect URI] [--bus system|session|ADDRESS]
            The privileged lg-manager service: watches libvirt VMs, keeps their Looking Glass
            shared memory sized and readable by their users, and serves io.github.lgmanager1 on D-Bus.
              --connect URI   libvirt connection (default qemu:///system)
              --bus BUS       system, session or a D-Bus address (default system)
              -h, --help      show this help
              -V, --version   print the version
            """;

    private DaemonMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            System.out.println("lg-daemon " + ProductVersion.get());
            return;
        }
        System.err.println("lg-daemon: the service loop is not part of this build yet; only --help and --version work");
        System.exit(1);
    }
}
