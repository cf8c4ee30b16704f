// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon;

import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.Daemon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.api.ChangePreview;
import io.github.lgmanager.api.LgManagerErrors;
import io.github.lgmanager.api.Manager;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.testkit.InProcessDaemon;
import io.github.lgmanager.testkit.TableAuthorizer;
import io.github.lgmanager.testkit.TestGuest;
import io.github.lgmanager.testkit.UniqueNames;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** The Vm and Manager D-Bus API of a real lg-daemon, on libvirt's test driver and a private bus. */
class VmApiIT {
    private static final int PERSISTENT = Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE;
    private static final TableAuthorizer AUTHORIZER = new TableAuthorizer();
    private static InProcessDaemon daemon;
    private static Connect libvirt;
    private String name;
    private Domain domain;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = InProcessDaemon.start(connection -> Daemon.started(InProcessDaemon.TEST_DRIVER, connection,
                AUTHORIZER, GuardedDisplayAccess.onThisMachine()));
        libvirt = new Connect(InProcessDaemon.TEST_DRIVER);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
        libvirt.close();
    }

    @BeforeEach
    void defineVm() throws Exception {
        AUTHORIZER.allowAll();
        name = UniqueNames.next();
        domain = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(name));
    }

    @AfterEach
    void undefineVm() throws Exception {
        if (domain.isActive() == 1) {
            domain.destroy();
        }
        domain.undefine();
    }

    private String persistentXml() throws Exception {
        return domain.getXMLDesc(PERSISTENT);
    }

    private static Map<String, Variant<?>> options(Object... keyValues) {
        var map = new java.util.LinkedHashMap<String, Variant<?>>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            map.put((String) keyValues[i], value instanceof List<?> list ? new Variant<>(list, "as") : new Variant<>(value));
        }
        return map;
    }

    @Test
    void enableAddsOneSizedDeviceAndSettingsAndDisableRemovesThem() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        Vm vm = daemon.vm(path);

        List<String> notes = vm.Enable(EnableOptionsCodec.sized(2560, 1440, false, options("users", List.of("root"), "client_options", List.of("egl:scale=2"))));

        assertTrue(notes.stream().anyMatch(n -> n.contains("64 MiB")), notes.toString());
        String enabled = persistentXml();
        assertEquals(1, count(enabled, "<shmem name='looking-glass-" + name + "'>"), enabled);
        assertTrue(enabled.contains("<size unit='M'>64</size>"), enabled);
        assertEquals(Boolean.TRUE, daemon.property(path, "Enabled"));
        assertEquals(new UInt32(64), daemon.property(path, "ShmSizeMiB"));
        assertEquals(List.of("egl:scale=2"), daemon.property(path, "ClientOptions"));
        daemon.awaitSignal(Properties.PropertiesChanged.class,
                s -> s.getPath().equals(path.getPath()) && s.getPropertiesChanged().containsKey("Enabled"));

        List<String> again = vm.Enable(EnableOptionsCodec.sized(2560, 1440, false, options()));
        assertEquals(List.of("Looking Glass is already on for VM '" + name + "' with these settings; nothing changed"),
                again);
        assertEquals(enabled, persistentXml(), "enabling twice changes nothing");

        vm.Disable(Map.of());
        String disabled = persistentXml();
        assertEquals(0, count(disabled, "<shmem"), disabled);
        assertEquals(Boolean.FALSE, daemon.property(path, "Enabled"));
    }

    @Test
    void previewsSendTheDefinitionBeforeAndAfterWithTheGraphicsPasswordMasked() throws Exception {
        Domain secured = libvirt.domainDefineXML(persistentXml().replace("<graphics type='spice' autoport='yes'",
                "<graphics type='spice' autoport='yes' passwd='s3cret'"));
        String defined = persistentXml();
        assertTrue(defined.contains("passwd='s3cret'"), "the daemon reads definitions with SECURE");
        Vm vm = daemon.vm(daemon.awaitVm(name));

        ChangePreview enable = vm.PreviewEnable(EnableOptionsCodec.sized(1920, 1080, false, options("with_virtio_input", true)));
        vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("with_virtio_input", true)));
        ChangePreview disable = vm.PreviewDisable(Map.of());

        assertEquals(defined.replace("passwd='s3cret'", "passwd='***'"), enable.getBefore());
        assertTrue(enable.getAfter().contains("<input type='mouse' bus='virtio'/>"), enable.getAfter());
        assertTrue(disable.getBefore().contains("<shmem name='looking-glass-" + name + "'>"), disable.getBefore());
        assertFalse(disable.getAfter().contains("<shmem"), disable.getAfter());
        for (String text : List.of(enable.getBefore(), enable.getAfter(), disable.getBefore(), disable.getAfter())) {
            assertTrue(text.contains("passwd='***'"), text);
            assertFalse(text.contains("s3cret"), text);
        }
        assertTrue(secured.getXMLDesc(PERSISTENT).contains("passwd='s3cret'"), "the password itself is kept");
    }

    @Test
    void aPreviewOfNoChangeSendsNoDefinition() throws Exception {
        Vm vm = daemon.vm(daemon.awaitVm(name));
        vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("root"))));

        ChangePreview again = vm.PreviewEnable(EnableOptionsCodec.sized(1920, 1080, false, options()));

        assertEquals(List.of("nothing to change"), again.getNotes());
        assertEquals("", again.getBefore());
        assertEquals("", again.getAfter());
    }

    @Test
    void resizeKeepsOneDeviceAndReportsTheNewSize() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        Vm vm = daemon.vm(path);
        vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("root"))));
        vm.Configure(EnableOptionsCodec.sized(3840, 2160, true, Map.of()));
        String xml = persistentXml();
        assertEquals(1, count(xml, "<shmem"), xml);
        assertTrue(xml.contains("<size unit='M'>256</size>"), xml);
        assertEquals(new UInt32(256), daemon.property(path, "RequiredSizeMiB"));
    }

    @Test
    void aDeviceEditedSmallerThanItsResolutionNeedsIsCorrectedOnce() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        daemon.vm(path).Enable(EnableOptionsCodec.sized(2560, 1440, false, options("users", List.of("root"))));
        String shrunk = persistentXml().replace("<size unit='M'>64</size>", "<size unit='M'>16</size>");

        libvirt.domainDefineXML(shrunk); // as 'virsh edit' would

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!persistentXml().contains("<size unit='M'>64</size>") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(persistentXml().contains("<size unit='M'>64</size>"), persistentXml());
        Thread.sleep(500); // our own redefine comes back as DEFINED: it must find nothing more to do
        assertEquals(1, daemon.log.stream().filter(l -> l.startsWith(name + ": corrected")).count(), daemon.log.toString());
    }

    @Test
    void aDeviceRemovedByHandIsReportedNotReAdded() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        daemon.vm(path).Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("root"))));
        String withoutDevice = persistentXml().replaceAll("(?s)\\s*<shmem name='looking-glass-" + name + "'>.*?</shmem>", "");

        libvirt.domainDefineXML(withoutDevice);

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!((String) daemon.property(path, "LastError")).contains("has no device") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(((String) daemon.property(path, "LastError")).contains("lg-admin enable " + name));
        assertEquals(0, count(persistentXml(), "<shmem"), "the daemon does not fight the user's edit");
    }

    @Test
    void startingAVmWhoseSharedMemoryCannotBeVerifiedAnnouncesDisplayFailedAndWritesNoAcl() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        Vm vm = daemon.vm(path);
        vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("root"))));

        vm.Start();

        // The test driver runs no QEMU: there is no process user and no /dev/shm file to verify.
        Manager.DisplayFailed failed = daemon.awaitSignal(Manager.DisplayFailed.class, s -> s.getVm().equals(path));
        assertFalse(failed.getReason().isBlank());
        assertEquals(failed.getReason(), daemon.property(path, "LastError"));
        assertEquals(Boolean.FALSE, daemon.property(path, "AclApplied"));
        assertTrue(daemon.signals().stream().noneMatch(s -> s instanceof Manager.DisplayReady r && r.getVm().equals(path)));

        vm.Shutdown();
        daemon.awaitSignal(Manager.DisplayClosed.class, s -> s.getVm().equals(path));
        assertEquals(Boolean.FALSE, daemon.property(path, "Running"));
    }

    /**
     * A pause or resume leaves the VM active (QEMU announces RESUMED just before STARTED on every boot): the
     * daemon neither asks libvirt nor publishes anything for it, and the display it announced stays announced.
     */
    @Test
    void pausingAndResumingARunningVmChangesNothingTheDaemonPublishes() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        daemon.vm(path).Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("root"))));
        domain.create();
        daemon.awaitSignal(Manager.DisplayFailed.class, s -> s.getVm().equals(path)); // no QEMU on the test driver
        int before = daemon.signals().size();

        domain.suspend();
        domain.resume();
        domain.destroy(); // a signal that must come, so the check below does not race the events before it

        daemon.awaitSignal(Manager.DisplayClosed.class, s -> s.getVm().equals(path));
        List<DBusSignal> between = daemon.signals().subList(before, daemon.signals().size());
        assertEquals(1, between.stream().filter(s -> s instanceof Manager.DisplayClosed).count(), between.toString());
        assertTrue(between.stream().noneMatch(s -> s instanceof Manager.DisplayReady || s instanceof Manager.DisplayFailed),
                between.toString());
        assertEquals(Boolean.FALSE, daemon.property(path, "Running"));
    }

    @Test
    void definingAndUndefiningAVmAddsAndRemovesItsObject() throws Exception {
        String other = UniqueNames.next();
        Domain extra = libvirt.domainDefineXML(TestGuest.xmlWithoutShmem(other));
        Manager.VmAdded added = daemon.awaitSignal(Manager.VmAdded.class, s -> s.getName().equals(other));
        assertTrue(daemon.manager().ListVms().contains(added.getVm()));

        extra.undefine();
        daemon.awaitSignal(Manager.VmRemoved.class, s -> s.getName().equals(other));
        assertFalse(daemon.manager().ListVms().contains(added.getVm()));
    }

    @Test
    void badInputGetsANamedErrorAndChangesNothing() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        Vm vm = daemon.vm(path);
        String before = persistentXml();

        assertError(LgManagerErrors.INVALID_ARGUMENT, "WIDTHxHEIGHT", () -> vm.Enable(EnableOptionsCodec.sized(0, 0, false, options())));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "16384", () -> vm.Enable(EnableOptionsCodec.sized(20000, 1080, false, options())));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "unknown option 'colour'", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("colour", "red"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "string list", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", "root"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "'../etc/passwd'", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("shm_name", "../etc/passwd"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "'a/b'", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("shm_name", "a/b"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "no user named 'nobody-here'", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("users", List.of("nobody-here")))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "b7 or idd", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("formula", "b8"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "/dev/shm/evil", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("mode", "kvmfr", "kvmfr_device", "/dev/shm/evil"))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "module:name=value", () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("client_options", List.of("novalue")))));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "client option SPICE:Host is refused: lg-manager sets",
                () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options("client_options", List.of("SPICE:Host=10.0.0.5")))));
        assertError(LgManagerErrors.NOT_ENABLED, "enable it first", () -> vm.Disable(Map.of()));
        assertError(LgManagerErrors.NOT_ENABLED, "enable it first", () -> vm.SetUsers(List.of("root")));
        assertError(LgManagerErrors.NOT_ENABLED, "enable it first", vm::RequestOpen);
        assertError(LgManagerErrors.NOT_RUNNING, "not running", vm::Shutdown);
        assertError(LgManagerErrors.NOT_FOUND, "known:", () -> daemon.manager().GetVmByName("no-such-vm"));
        // dbus-java raises its own class for the standard org.freedesktop.DBus.Error.PropertyReadOnly.
        assertThrows(org.freedesktop.dbus.errors.PropertyReadOnly.class,
                () -> daemon.properties(path).Set("io.github.lgmanager1.Vm", "Enabled", true));

        assertEquals(before, persistentXml(), "no bad call changed the definition");
        assertTrue(daemon.manager().ListVms().contains(path), "the daemon keeps serving");
    }

    @Test
    void aCallerWithoutAuthorizationIsRefusedAndNothingChanges() throws Exception {
        DBusPath path = daemon.awaitVm(name);
        Vm vm = daemon.vm(path);
        String before = persistentXml();
        AUTHORIZER.deny(Action.CONFIGURE);
        AUTHORIZER.deny(Action.CONTROL);

        assertError(LgManagerErrors.NOT_AUTHORIZED, "io.github.lgmanager1.configure",
                () -> vm.Enable(EnableOptionsCodec.sized(1920, 1080, false, options())));
        assertError(LgManagerErrors.NOT_AUTHORIZED, "io.github.lgmanager1.control", vm::Start);

        assertEquals(before, persistentXml());
        assertEquals(0, domain.isActive());
    }

    @Test
    void computeShmSizeFollowsTheDocumentedFormulas() throws Exception {
        Manager manager = daemon.manager();
        assertEquals(new UInt32(32), manager.ComputeShmSize(new UInt32(1920), new UInt32(1080), false, ""));
        assertEquals(new UInt32(128), manager.ComputeShmSize(new UInt32(3840), new UInt32(2160), false, "b7"));
        assertEquals(new UInt32(256), manager.ComputeShmSize(new UInt32(3840), new UInt32(2160), true, "b7"));
        assertEquals(new UInt32(512), manager.ComputeShmSize(new UInt32(7680), new UInt32(4320), false, "idd"));
        assertError(LgManagerErrors.INVALID_ARGUMENT, "b7 or idd",
                () -> manager.ComputeShmSize(new UInt32(1920), new UInt32(1080), false, "b9"));
    }

    private static void assertError(String errorName, String messagePart, Executable call) {
        DBusExecutionException e = assertThrows(DBusExecutionException.class, call);
        assertEquals(errorName, LgManagerErrors.nameOf(e), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should mention '" + messagePart + "'");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
