// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.Resolution;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainXmlReaderTest {

    static String live(String devices) {
        return "<domain type='kvm' id='3'>\n  <name>win11</name>\n  <devices>\n" + devices + "\n  </devices>\n</domain>\n";
    }

    @Test
    void findsTheShmFileAndItsSizeInLiveXml() throws Exception {
        String x = live("<shmem name='looking-glass'><model type='ivshmem-plain'/><size unit='M'>64</size>"
                + "<alias name='shmem0'/></shmem>");
        assertEquals(Optional.of(new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/looking-glass", 64L << 20)),
                DomainXmlReader.managedDevice(x));
    }

    @Test
    void usesTheStoredShmName() throws Exception {
        String vm = "<domain type='kvm'><name>a</name><devices/></domain>";
        String enabled = DomainXmlEditor.enable(vm, LookingGlassSettings.defaults().withShmName("lg-a")
                .withResolution(new Resolution(3840, 2160))).xml();
        assertEquals(Optional.of(new SharedMemoryDevice(ShmMode.Kind.SHM, "/dev/shm/lg-a", 128L << 20)),
                DomainXmlReader.managedDevice(enabled));
    }

    @Test
    void findsTheKvmfrDeviceAndSize() throws Exception {
        String vm = "<domain type='kvm'><name>a</name><devices/></domain>";
        String enabled = DomainXmlEditor.enable(vm, LookingGlassSettings.defaults().withMode(ShmMode.kvmfr("/dev/kvmfr1")))
                .xml();
        assertEquals(Optional.of(new SharedMemoryDevice(ShmMode.Kind.KVMFR, "/dev/kvmfr1", 32L << 20)),
                DomainXmlReader.managedDevice(enabled));
    }

    @Test
    void readsTheOlderKeyValueSyntaxOfUpstreamsDocs() throws Exception {
        String x = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                + "<qemu:commandline><qemu:arg value='-device'/><qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>"
                + "<qemu:arg value='-object'/>"
                + "<qemu:arg value='memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=128M,share=yes'/>"
                + "</qemu:commandline></domain>";
        assertEquals(Optional.of(new SharedMemoryDevice(ShmMode.Kind.KVMFR, "/dev/kvmfr0", 128L << 20)),
                DomainXmlReader.managedDevice(x));
    }

    @Test
    void otherShmemDevicesAreNotOurs() throws Exception {
        assertEquals(Optional.empty(), DomainXmlReader.managedDevice(
                live("<shmem name='scream-ivshmem'><model type='ivshmem-plain'/><size unit='M'>2</size></shmem>")));
    }

    @Test
    void spiceOverTcpUsesTheListenAddress() throws Exception {
        assertEquals(Optional.of(new SpiceEndpoint("127.0.0.1", 5900, null)), DomainXmlReader.spice(live(
                "<graphics type='spice' port='5900' autoport='yes' listen='127.0.0.1'>"
                        + "<listen type='address' address='127.0.0.1'/></graphics>")));
        assertEquals(Optional.of(new SpiceEndpoint("192.168.1.5", 5901, null)), DomainXmlReader.spice(live(
                "<graphics type='spice' port='5901'><listen type='address' address='192.168.1.5'/></graphics>")));
    }

    @Test
    void aWildcardListenAddressIsReachedOverLoopback() throws Exception {
        assertEquals(Optional.of(new SpiceEndpoint("127.0.0.1", 5902, null)),
                DomainXmlReader.spice(live("<graphics type='spice' port='5902' listen='0.0.0.0'/>")));
        assertEquals(Optional.of(new SpiceEndpoint("::1", 5902, null)),
                DomainXmlReader.spice(live("<graphics type='spice' port='5902' listen='::'/>")));
    }

    @Test
    void spiceOverAUnixSocket() throws Exception {
        SpiceEndpoint e = DomainXmlReader.spice(live("<graphics type='spice'>"
                + "<listen type='socket' socket='/run/libvirt/qemu/win11.sock'/></graphics>")).orElseThrow();
        assertEquals(new SpiceEndpoint(null, 0, "/run/libvirt/qemu/win11.sock"), e);
        assertEquals(true, e.isUnixSocket());
    }

    @Test
    void noEndpointWithoutSpiceOrBeforeAutoportChoseAPort() throws Exception {
        assertEquals(Optional.empty(), DomainXmlReader.spice(live("<graphics type='vnc' port='5900'/>")));
        assertEquals(Optional.empty(), DomainXmlReader.spice(live("<graphics type='spice' port='-1' autoport='yes'/>")));
        assertEquals(Optional.empty(), DomainXmlReader.spice("<domain type='kvm'><name>a</name></domain>"));
    }

    @Test
    void qemuSizesWithSuffixes() {
        assertEquals(33554432, DomainXmlReader.qemuSize("33554432"));
        assertEquals(32L << 20, DomainXmlReader.qemuSize("32M"));
        assertEquals(1L << 30, DomainXmlReader.qemuSize("1g"));
        assertEquals(-1, DomainXmlReader.qemuSize("lots"));
    }

    @Test
    void inKvmfrModeTheKvmfrDeviceWinsOverALeftoverShmem() throws Exception {
        String vm = "<domain type='kvm'><name>a</name><devices/></domain>";
        String enabled = DomainXmlEditor.enable(vm, LookingGlassSettings.defaults().withMode(ShmMode.kvmfr("/dev/kvmfr0")))
                .xml().replace("<devices>", "<devices><shmem name='looking-glass'><size unit='M'>8</size></shmem>");
        assertEquals(ShmMode.Kind.KVMFR, DomainXmlReader.managedDevice(enabled).orElseThrow().kind());
    }

    @Test
    void aKvmfrBackendOutsideDevKvmfrIsNotReported() throws Exception {
        String x = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                + "<qemu:commandline><qemu:arg value='-object'/>"
                + "<qemu:arg value=\"{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/etc/shadow','size':1}\"/>"
                + "</qemu:commandline></domain>";
        assertEquals(Optional.empty(), DomainXmlReader.managedDevice(x));
    }
}
