package io.github.lgmanager.admin.backend;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * For lg-admin doctor with --connect: the in-process supervisor reconciles running VMs as the daemon does, which
 * would grant their users; doctor only reads, so it grants and revokes nothing (and looks users up as usual).
 */
final class ReadOnlyDisplayAccess implements DisplayAccess {
    private final DisplayAccess lookups;

    ReadOnlyDisplayAccess(DisplayAccess lookups) {
        this.lookups = lookups;
    }

    @Override
    public void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException {
        throw new AccessRefusedException("not granted: lg-admin doctor changes nothing");
    }

    @Override
    public String prepareStopped(SharedMemoryDevice device, Optional<String> staticDacLabel, List<String> users,
            boolean fresh) {
        return "not prepared: lg-admin doctor changes nothing";
    }

    @Override
    public void prepareSpice(String socket, Optional<String> staticDacLabel, List<String> users) {
        // doctor changes nothing
    }

    @Override
    public void grantSpice(String socket, int qemuUid, List<String> users) {
        // doctor changes nothing
    }

    @Override
    public void removeStopped(SharedMemoryDevice device) {
        // doctor changes nothing
    }

    @Override
    public OptionalInt uidOf(String user) {
        return lookups.uidOf(user);
    }

    @Override
    public Optional<String> selfCheck() {
        return Optional.empty(); // doctor reports each VM's file itself
    }
}
