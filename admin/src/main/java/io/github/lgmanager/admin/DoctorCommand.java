package io.github.lgmanager.admin;

import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Diagnoses the setup (in progress).")
final class DoctorCommand extends Subcommand {
    @Override
    public Integer call() {
        return 0;
    }
}
