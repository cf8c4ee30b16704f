// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.settings.ShmMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a running VM's live XML (as libvirt 9 prints it for a started TCG guest) in one parse. */
class DomainXmlReaderRunningTest {
    private static final String LIVE = """
            <domain type='qemu' id='3'>
              <name>lab</name>
              <devices>
                <graphics type='spice' port='5901' autoport='yes' listen='127.0.0.1'>
                  <listen type='address' address='127.0.0.1'/>
                </graphics>
                <shmem name='looking-glass'>
                  <model type='ivshmem-plain'/>
                  <size unit='M'>32</size>
                  <alias name='shmem0'/>
                </shmem>
              </devices>
              <seclabel type='dynamic' model='dac' relabel='yes'>
                <label>+64055:+64055</label>
                <imagelabel>+64055:+64055</imagelabel>
              </seclabel>
            </domain>
            """;

    @Test
    void aStartedGuestTellsItsDeviceSpiceEndpointAndQemuUser() throws Exception {
        DomainXmlReader.Running running = DomainXmlReader.running(LIVE);
        assertEquals(Optional.of(new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/looking-glass", 32L << 20)), running.device());
        assertEquals(Optional.of(new SpiceEndpoint("127.0.0.1", 5901, null)), running.spice());
        assertEquals(Optional.of(64055), running.qemuUid());
    }

    @Test
    void aDeviceHotPluggedAfterStartIsFoundByThePersistentSettingsName() throws Exception {
        String hotPlugged = LIVE.replace("<shmem name='looking-glass'>", "<shmem name='lab-lg'>");
        assertEquals(Optional.empty(), DomainXmlReader.running(hotPlugged).device(), "the live XML alone does not name it");

        var persistent = io.github.lgmanager.core.settings.LookingGlassSettings.defaults().withShmName("lab-lg");
        assertEquals("/dev/shm/lab-lg", DomainXmlReader.running(hotPlugged, Optional.of(persistent)).device().get().path());
    }

    @Test
    void withoutADacLabelTheQemuUserIsUnknown() throws Exception {
        String selinuxOnly = LIVE.replace("model='dac'", "model='selinux'");
        assertEquals(Optional.empty(), DomainXmlReader.running(selinuxOnly).qemuUid());
    }

    @Test
    void labelsAreReadAsNumbersOrNotAtAll() {
        assertEquals(Optional.of(64055), DomainXmlReader.uidOfLabel("+64055:+994"));
        assertEquals(Optional.of(0), DomainXmlReader.uidOfLabel("+0:+0"));
        assertEquals(Optional.of(107), DomainXmlReader.uidOfLabel(" 107:107 "));
        assertEquals(Optional.empty(), DomainXmlReader.uidOfLabel("libvirt-qemu:kvm"));
        assertEquals(Optional.empty(), DomainXmlReader.uidOfLabel("+-1:+0"));
        assertEquals(Optional.empty(), DomainXmlReader.uidOfLabel(""));
    }
}
