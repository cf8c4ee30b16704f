package io.github.lgmanager.daemon;

/** lg-daemon's command line: {@code [--connect URI] [--bus system|session|ADDRESS]}. */
record DaemonOptions(String libvirtUri, String bus) {
    static final String DEFAULT_URI = "qemu:///system";
    static final String DEFAULT_BUS = "system";

    /** Thrown for bad arguments; the message says what was wrong and main prints the usage after it. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static DaemonOptions parse(String[] args) throws UsageException {
        String uri = DEFAULT_URI;
        String bus = DEFAULT_BUS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--connect", "-c" -> uri = value(args, ++i, arg);
                case "--bus" -> bus = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--connect=")) {
                        uri = nonEmpty(arg.substring("--connect=".length()), "--connect");
                    } else if (arg.startsWith("--bus=")) {
                        bus = nonEmpty(arg.substring("--bus=".length()), "--bus");
                    } else {
                        throw new UsageException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        return new DaemonOptions(uri, bus);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return nonEmpty(args[index], option);
    }

    private static String nonEmpty(String value, String option) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a non-empty value");
        }
        return value;
    }

    boolean onSystemBus() {
        return bus.equals("system");
    }
}
