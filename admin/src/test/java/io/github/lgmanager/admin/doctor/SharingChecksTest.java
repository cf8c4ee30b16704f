// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two VMs on one shared-memory file or kvmfr device show each other's screen to each other's users. */
class SharingChecksTest {
    private static final HostFacts HOST = Fixtures.host();

    private static VmView vm(String name, String path, boolean enabled, long sizeMiB, boolean running) {
        String mode = path.startsWith("/dev/kvmfr") ? "kvmfr" : "shm";
        return new VmView("uuid-" + name, name, running, enabled, mode, path, sizeMiB, sizeMiB, 1920, 1080, false, "b7",
                List.of("alice"), List.of(), List.of(), "", 0, false, "", false);
    }

    private static VmView stopped(String name, String path) {
        return vm(name, path, true, 32, false);
    }

    @Test
    void aVmAloneOnItsFilePasses() {
        VmView a = stopped("a", "/dev/shm/looking-glass-a");
        assertCheck(Status.PASS, "", SharingChecks.shared(HOST, a, List.of(a, stopped("b", "/dev/shm/looking-glass-b"))));
    }

    @Test
    void twoVmsOnOneFileFailOnEachNamingTheOtherWithOneFixForBoth() {
        VmView a = stopped("a", "/dev/shm/looking-glass");
        VmView b = stopped("b", "/dev/shm/looking-glass");
        List<VmView> all = List.of(a, b, stopped("c", "/dev/shm/looking-glass-c"));
        Check onA = SharingChecks.shared(HOST, a, all);
        Check onB = SharingChecks.shared(HOST, b, all);
        assertCheck(Status.FAIL, "", onA);
        assertEquals("a: sharing", onA.label());
        assertEquals("vm.shm.sharing", onA.id());
        assertEquals("VM 'a' and VM 'b' both use /dev/shm/looking-glass: each VM's users can see the other's screen",
                onA.message());
        assertEquals("VM 'b' and VM 'a' both use /dev/shm/looking-glass: each VM's users can see the other's screen",
                onB.message());
        assertEquals("lg-admin enable b --shm-name looking-glass-b", onA.fix());
        assertEquals(onA.fix(), onB.fix());
    }

    @Test
    void theVmWhoseOwnDefaultNameItIsKeepsTheFile() {
        VmView a = stopped("a", "/dev/shm/looking-glass-b");
        VmView b = stopped("b", "/dev/shm/looking-glass-b");
        assertEquals("lg-admin enable a --shm-name looking-glass-a", SharingChecks.shared(HOST, b, List.of(a, b)).fix());
    }

    @Test
    void aNameAnotherVmAlreadyUsesIsNeverSuggested() {
        VmView a = stopped("a", "/dev/shm/looking-glass");
        VmView b = stopped("b", "/dev/shm/looking-glass");
        VmView c = stopped("c", "/dev/shm/looking-glass-b");
        assertEquals("lg-admin enable b --shm-name looking-glass-b-2", SharingChecks.shared(HOST, a, List.of(a, b, c)).fix());
    }

    @Test
    void threeVmsAreAllNamedAndBothMoversGetACommand() {
        VmView a = stopped("a", "/dev/shm/looking-glass");
        VmView b = stopped("b", "/dev/shm/looking-glass");
        VmView c = stopped("c", "/dev/shm/looking-glass");
        Check onC = SharingChecks.shared(HOST, c, List.of(a, b, c));
        assertTrue(onC.message().startsWith("VM 'c', VM 'a' and VM 'b' all use /dev/shm/looking-glass: "), onC.message());
        assertTrue(onC.message().endsWith("the others' screens"), onC.message());
        assertEquals("lg-admin enable b --shm-name looking-glass-b && lg-admin enable c --shm-name looking-glass-c", onC.fix());
    }

    @Test
    void aRunningVmThatMovesIsToldToRestart() {
        VmView a = stopped("a", "/dev/shm/looking-glass");
        VmView b = vm("b", "/dev/shm/looking-glass", true, 32, true);
        assertTrue(SharingChecks.shared(HOST, a, List.of(a, b)).fix().endsWith(", then shut down and start b (it applies"
                + " at the next boot)"));
    }

    @Test
    void aHandMadeLookingGlassVmCountsButAVmWithoutADeviceDoesNot() {
        VmView a = stopped("a", "/dev/shm/looking-glass");
        VmView handMade = vm("hand", "/dev/shm/looking-glass", false, 32, false);
        VmView noDevice = vm("plain", "/dev/shm/looking-glass", false, 0, false);
        assertCheck(Status.FAIL, "lg-admin enable hand --shm-name looking-glass-hand",
                SharingChecks.shared(HOST, a, List.of(a, handMade)));
        assertCheck(Status.PASS, "", SharingChecks.shared(HOST, a, List.of(a, noDevice)));
    }

    @Test
    void kvmfrVmsOnOneDeviceMoveToAFreeDeviceNumber() {
        VmView a = stopped("a", "/dev/kvmfr0");
        VmView b = vm("b", "/dev/kvmfr0", true, 64, false);
        VmView c = stopped("c", "/dev/kvmfr1");
        HostFacts threeDevices = Fixtures.host(h -> h.kvmfrDevices = List.of("/dev/kvmfr0", "/dev/kvmfr1", "/dev/kvmfr2"));
        Check c1 = SharingChecks.shared(threeDevices, a, List.of(a, b, c));
        assertCheck(Status.FAIL, "", c1);
        assertTrue(c1.message().startsWith("VM 'a' and VM 'b' both use /dev/kvmfr0: "), c1.message());
        assertEquals("lg-admin enable b --kvmfr=/dev/kvmfr2", c1.fix());
    }

    @Test
    void aKvmfrDeviceTheModuleDoesNotMakeYetComesWithItsSizes() {
        VmView a = stopped("a", "/dev/kvmfr0");
        VmView b = vm("b", "/dev/kvmfr0", true, 64, false);
        HostFacts oneDevice = Fixtures.host(h -> h.kvmfrDevices = List.of("/dev/kvmfr0"));
        assertEquals("lg-admin enable b --kvmfr=/dev/kvmfr1; kvmfr makes one device per size in static_size_mb, so for"
                + " /dev/kvmfr1 write options kvmfr static_size_mb=32,64 in /etc/modprobe.d/kvmfr.conf and reload kvmfr"
                + " while no VM uses it (modprobe -r kvmfr && modprobe kvmfr)",
                SharingChecks.shared(oneDevice, a, List.of(a, b)).fix());
    }
}
