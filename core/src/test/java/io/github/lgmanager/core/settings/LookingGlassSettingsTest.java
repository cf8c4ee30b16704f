// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookingGlassSettingsTest {

    @Test
    void defaultsAreDisabled1080pSdrB7OnDevShmLookingGlass() {
        LookingGlassSettings d = LookingGlassSettings.defaults();
        assertEquals(false, d.enabled());
        assertEquals(new Resolution(1920, 1080), d.resolution());
        assertEquals(ShmFormula.B7, d.formula());
        assertEquals("/dev/shm/looking-glass", d.shmPath());
        assertEquals(32, d.sizeMiB());
        assertEquals(32L << 20, d.sizeBytes());
    }

    @Test
    void sizeFollowsResolutionHdrAndFormula() {
        LookingGlassSettings s = LookingGlassSettings.defaults().withResolution(new Resolution(3840, 2160));
        assertEquals(128, s.sizeMiB());
        assertEquals(256, s.withHdr(true).sizeMiB());
        assertEquals(128, s.withHdr(true).withFormula(ShmFormula.IDD).sizeMiB());
    }

    @Test
    void kvmfrModeUsesTheDevicePath() throws Exception {
        assertEquals("/dev/kvmfr1", LookingGlassSettings.defaults().withMode(ShmMode.kvmfr("/dev/kvmfr1")).shmPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "/dev/shm/x", "..", "a..b", ".hidden", "-dash", "with space", "tab\tname",
            "nul\u0000", "\u00e9t\u00e9", "x\n"})
    void rejectsShmNamesThatAreNotPlainFileNames(String name) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> LookingGlassSettings.defaults().withShmName(name));
        assertTrue(e.getMessage().contains("/dev/shm/NAME") && e.getMessage().contains("A-Z a-z 0-9 . _ -"),
                e.getMessage());
    }

    @Test
    void rejectsOverlongShmNamesAndAcceptsUsualOnes() throws Exception {
        assertThrows(InvalidSettingsException.class, () -> ShmNames.checkName("a".repeat(65)));
        assertEquals("a".repeat(64), ShmNames.checkName("a".repeat(64)));
        assertEquals("looking-glass-2", ShmNames.checkName("looking-glass-2"));
        assertEquals("lg_win11.v2", ShmNames.checkName("lg_win11.v2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/dev/kvmfr", "/dev/kvmfr100", "/dev/shm/kvmfr0", "/dev/kvmfr0/../sda", "kvmfr0",
            "/dev/kvmfr-1"})
    void rejectsKvmfrDevicesOtherThanDevKvmfrN(String path) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> ShmMode.kvmfr(path));
        assertTrue(e.getMessage().contains("/dev/kvmfrN"), e.getMessage());
    }

    @Test
    void shmModeHasNoDevicePath() {
        assertThrows(IllegalArgumentException.class, () -> new ShmMode(ShmMode.Kind.SHM, "/dev/kvmfr0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "root:x", "alice bob", "1abc", "-n", "a/b", "averyveryveryverylongusername12345"})
    void rejectsUserNamesThatAreNotLoginNames(String user) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> LookingGlassSettings.defaults().withUsers(List.of("alice", user)));
        assertTrue(e.getMessage().contains("login name"), e.getMessage());
    }

    @Test
    void usersAreCopiedAndImmutable() throws Exception {
        List<String> users = new ArrayList<>(List.of("alice"));
        LookingGlassSettings s = LookingGlassSettings.defaults().withUsers(users);
        users.add("bob");
        assertEquals(List.of("alice"), s.users());
        assertThrows(UnsupportedOperationException.class, () -> s.users().add("eve"));
    }

    @Test
    void parsesClientOptions() throws Exception {
        ClientOption o = ClientOption.parse("egl:scale=2");
        assertEquals("egl:scale", o.key());
        assertEquals("2", o.value());
        assertEquals("egl:scale=2", o.argument());
        assertEquals("a=b", ClientOption.parse("win:title=a=b").value());
        assertEquals("", ClientOption.parse("win:title=").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"egl:scale", "scale=2", ":x=1", "egl:=1", "egl:sc ale=1", "-F=1", "egl:scale=a\nb"})
    void rejectsMalformedClientOptions(String text) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> ClientOption.parse(text));
        assertTrue(e.getMessage().contains("client option"), e.getMessage());
    }
}
