package io.github.lgmanager.admin.backend;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * For lg-admin's read commands with --connect (doctor, list, show, dry runs): the in-process supervisor reconciles
 * VMs as the daemon does, which would grant their users and make their files; a read changes nothing, so this
 * grants, revokes and makes nothing (and looks users up as usual).
 */
final class ReadOnlyDisplayAccess implements DisplayAccess {
    private final DisplayAccess lookups;

    ReadOnlyDisplayAccess(DisplayAccess lookups) {
        this.lookups = lookups;
    }

    @Override
    public void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException {
        throw new AccessRefusedException("not granted: a read command changes nothing");
    }

    @Override
    public String prepareStopped(SharedMemoryDevice device, Optional<String> staticDacLabel, List<String> users,
            boolean fresh) {
        return "not prepared: a read command changes nothing";
    }

    @Override
    public void prepareSpice(String socket, Optional<String> staticDacLabel, List<String> users) {
        // a read command changes nothing
    }

    @Override
    public void removeSpice(String socket) {
        // a read command changes nothing
    }

    @Override
    public void grantSpice(String socket, int qemuUid, List<String> users) {
        // a read command changes nothing
    }

    @Override
    public void removeStopped(SharedMemoryDevice device) {
        // a read command changes nothing
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
