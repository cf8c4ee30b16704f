// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.SystemCallException;
import io.github.lgmanager.linux.LinuxFiles;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The supervisor's view of the shm guard (running VMs) and file keeper (stopped VMs). A /dev/shm file must belong to the user QEMU runs as; a kvmfr device
 * is made by the kernel and belongs to root (/dev is not world-writable, so nobody can plant one there), and
 * the users' access comes from our ACL rather than from an OWNER= in a udev rule.
 */
public final class GuardedDisplayAccess implements DisplayAccess {
    private static final long MIB = 1024L * 1024L;
    private static final Path SHARED_MEMORY_FOLDER = Path.of("/dev/shm");
    private final SharedMemoryGuard guard;
    private final SharedMemoryFileKeeper keeper;
    private final SpiceSocketGuard spice;
    private final LinuxFiles files;

    public GuardedDisplayAccess(LinuxFiles files) {
        this.files = files;
        this.guard = new SharedMemoryGuard(files);
        this.keeper = new SharedMemoryFileKeeper(files);
        this.spice = new SpiceSocketGuard(files);
    }

    @Override
    public void prepareSpice(String socket, Optional<String> staticDacLabel, List<String> users)
            throws AccessRefusedException {
        try {
            spice.prepareFolder(socket, QemuOwner.resolve(staticDacLabel, QemuOwner.QEMU_CONF, files), users);
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    @Override
    public void removeSpice(String socket) throws AccessRefusedException {
        try {
            spice.removeFolder(socket);
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    @Override
    public void grantSpice(String socket, int qemuUid, List<String> users) throws AccessRefusedException {
        try {
            spice.grantSocket(socket, qemuUid, users);
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    public static GuardedDisplayAccess onThisMachine() {
        return new GuardedDisplayAccess(LinuxFiles.load());
    }

    @Override
    public void grant(SharedMemoryDevice device, int qemuUid, List<String> users) throws AccessRefusedException {
        try {
            guard.grantExactly(Path.of(device.path()), expectation(device, qemuUid), users);
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    @Override
    public String prepareStopped(SharedMemoryDevice device, Optional<String> staticDacLabel, List<String> users,
            boolean fresh) throws AccessRefusedException {
        Path path = Path.of(device.path());
        try {
            if (device.kind() == ShmMode.Kind.KVMFR) {
                return exactDevice(path, users);
            }
            if (device.sizeBytes() <= 0) {
                throw new AccessRefusedException("cannot prepare " + path + ": the VM's <shmem> has no size");
            }
            QemuOwner owner = QemuOwner.resolve(staticDacLabel, QemuOwner.QEMU_CONF, files);
            SharedMemoryFileKeeper.Prepared done = fresh
                    ? keeper.recreate(path, owner, device.sizeBytes(), users)
                    : keeper.ensure(path, owner, device.sizeBytes(), users);
            return path + " " + done.action() + (done.unknownUsers().isEmpty() ? ""
                    : "; left out users NSS does not know: " + String.join(", ", done.unknownUsers()));
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    private String exactDevice(Path device, List<String> users) throws SharedMemoryAccessException {
        try {
            guard.grantExactly(device, Expectation.kvmfrDevice(0), users);
            return device + " ACL set for " + (users.isEmpty() ? "nobody" : String.join(", ", users));
        } catch (SharedMemoryAccessException e) {
            if (e.problem() == SharedMemoryAccessException.Problem.MISSING) {
                return device + " not there yet (kvmfr not loaded); its ACL is set when the VM starts";
            }
            throw e;
        }
    }

    @Override
    public void removeStopped(SharedMemoryDevice device) throws AccessRefusedException {
        try {
            if (device.kind() == ShmMode.Kind.KVMFR) {
                exactDevice(Path.of(device.path()), List.of());
            } else {
                keeper.remove(Path.of(device.path()));
            }
        } catch (SharedMemoryAccessException e) {
            throw new AccessRefusedException(e.getMessage());
        }
    }

    @Override
    public OptionalInt uidOf(String user) {
        try {
            return files.uidOf(user);
        } catch (SystemCallException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public Optional<String> selfCheck() {
        try {
            guard.inspectFolder(SHARED_MEMORY_FOLDER);
        } catch (SharedMemoryAccessException e) {
            return Optional.of(e.getMessage());
        }
        if (uidOf("root").isEmpty()) {
            return Optional.of("cannot look up users (no uid for root through NSS); no display can be granted");
        }
        return Optional.empty();
    }

    static Expectation expectation(SharedMemoryDevice device, int qemuUid) {
        if (device.kind() == ShmMode.Kind.KVMFR) {
            return Expectation.kvmfrDevice(0);
        }
        // The XML states the size in MiB; QEMU creates the file exactly that large, and we do too.
        long size = device.sizeBytes() > 0 ? device.sizeBytes() : MIB;
        return Expectation.sharedMemoryFile(qemuUid, size);
    }
}
