// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.linux.FileStatus;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lgmanager.linux.FileStatus.FileType;
import io.github.lgmanager.daemon.shm.SharedMemoryAccessException.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ExpectationTest {
    private static final int QEMU = 64055;
    private static final int ALICE = 1001;
    private static final long MIB_32 = 32L << 20;
    private static final Path SHM = Path.of("/dev/shm/looking-glass");
    private static final Path KVMFR = Path.of("/dev/kvmfr0");
    private static final IntFunction<String> NAMES =
            uid -> Map.of(QEMU, "libvirt-qemu", ALICE, "alice").getOrDefault(uid, "no user has it");
    private static final Expectation SHM_FILE = Expectation.sharedMemoryFile(QEMU, MIB_32);

    @Test
    void whatQemuCreatesPasses() {
        assertDoesNotThrow(() -> SHM_FILE.check(SHM, file(QEMU, 1, MIB_32), NAMES));
        assertDoesNotThrow(() -> Expectation.kvmfrDevice(QEMU).check(KVMFR,
                FileStatus.fromRawMode(0020660, QEMU, 993, 1, 0), NAMES));
    }

    @Test
    void aFifoWhereAFileBelongsIsRefusedAsPlanting() {
        var e = refused(SHM_FILE, SHM, FileStatus.fromRawMode(0010644, QEMU, QEMU, 1, 0));
        assertEquals(Problem.WRONG_TYPE, e.problem());
        assertEquals("refusing /dev/shm/looking-glass: it is a FIFO (named pipe), expected a regular file"
                + " (possible planting by another user); remove it and restart the VM", e.getMessage());
    }

    @Test
    void aFileOwnedBySomeoneElseIsRefusedNamingBothUsers() {
        var e = refused(SHM_FILE, SHM, file(ALICE, 1, MIB_32));
        assertEquals(Problem.WRONG_OWNER, e.problem());
        assertEquals("refusing /dev/shm/looking-glass: owned by uid 1001 (alice), expected uid 64055 (libvirt-qemu)"
                + " (possible planting by another user); remove it and restart the VM", e.getMessage());
    }

    @Test
    void aSecondHardLinkIsRefused() {
        var e = refused(SHM_FILE, SHM, file(QEMU, 2, MIB_32));
        assertEquals(Problem.HARD_LINKED, e.problem());
        assertEquals("refusing /dev/shm/looking-glass: it has 2 hard links, expected 1 (another user's file may be"
                + " hiding under this name); remove it and restart the VM", e.getMessage());
    }

    @Test
    void aFileSmallerThanConfiguredIsRefusedWithTheSizes() {
        var e = refused(SHM_FILE, SHM, file(QEMU, 1, MIB_32 - 1));
        assertEquals(Problem.WRONG_SIZE, e.problem());
        assertEquals("refusing /dev/shm/looking-glass: it holds 33554431 bytes, the VM's device has 33554432 (left"
                + " over from another configuration, or not made by QEMU); shut the VM down: lg-daemon then makes a"
                + " new one", e.getMessage());
    }

    @Test
    void aFileLargerThanConfiguredIsRefusedToo() {
        // QEMU 7.2 accepts a larger file; ours is always made exactly the device's size, so this one is not ours
        assertEquals(Problem.WRONG_SIZE, refused(SHM_FILE, SHM, file(QEMU, 1, 2 * MIB_32)).problem());
    }

    @Test
    void theTypeIsReportedBeforeTheOwner() {
        var e = refused(SHM_FILE, SHM, FileStatus.fromRawMode(0040755, ALICE, ALICE, 2, 40));
        assertEquals(Problem.WRONG_TYPE, e.problem());
    }

    @Test
    void aRegularFileWhereTheKvmfrDeviceBelongsPointsAtTheModule() {
        var e = refused(Expectation.kvmfrDevice(QEMU), KVMFR, file(QEMU, 1, MIB_32));
        assertEquals(Problem.WRONG_TYPE, e.problem());
        assertEquals("refusing /dev/kvmfr0: it is a regular file, expected a character device (QEMU creates a plain"
                + " file when the VM starts before the kvmfr module is loaded); load kvmfr (modprobe kvmfr), remove"
                + " the file and restart the VM", e.getMessage());
    }

    @Test
    void aKvmfrDeviceOfAnotherOwnerPointsAtTheUdevRule() {
        var e = refused(Expectation.kvmfrDevice(QEMU), KVMFR, FileStatus.fromRawMode(0020600, 0, 0, 1, 0));
        assertEquals("refusing /dev/kvmfr0: owned by uid 0 (no user has it), expected uid 64055 (libvirt-qemu);"
                + " make the kvmfr udev rule give the device to that user (OWNER=...), then reload kvmfr",
                e.getMessage());
    }

    @Test
    void devicesHaveNoSizeToExpect() {
        assertThrows(IllegalArgumentException.class, () -> new Expectation(Expectation.Kind.KVMFR_DEVICE, QEMU, 1));
        assertThrows(IllegalArgumentException.class, () -> Expectation.sharedMemoryFile(QEMU, -1));
    }

    @Test
    void theFileTypeComesFromTheModesTypeBits() {
        assertEquals(FileType.SYMBOLIC_LINK, FileType.ofMode(0120777));
        assertEquals(FileType.SOCKET, FileType.ofMode(0140755));
        assertEquals(FileType.BLOCK_DEVICE, FileType.ofMode(0060660));
        assertEquals(FileType.UNKNOWN, FileType.ofMode(0170000));
        assertEquals(0644, file(QEMU, 1, 0).mode());
    }

    private static FileStatus file(int owner, long links, long size) {
        return FileStatus.fromRawMode(0100644, owner, owner, links, size);
    }

    private static SharedMemoryAccessException refused(Expectation expected, Path path, FileStatus status) {
        return assertThrows(SharedMemoryAccessException.class, () -> expected.check(path, status, NAMES));
    }
}
