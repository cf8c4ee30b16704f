// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.core.xml.DomainXmlReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A VM's client options go to every listed user's viewer: none may choose where it connects or its clipboard. */
class ClientOptionTest {

    private static String refused(String text) {
        return assertThrows(InvalidSettingsException.class, () -> ClientOption.parse(text)).getMessage();
    }

    /** looking-glass-client matches module:name ignoring case (option_get uses strcasecmp since B6). */
    @ParameterizedTest
    @ValueSource(strings = {"spice:host=10.0.0.5", "SPICE:HOST=10.0.0.5", "Spice:Host=/run/other/spice.sock",
            "spice:port=5901", "spice:PORT=0", "app:shmFile=/dev/shm/other", "APP:SHMFILE=/dev/shm/other",
            "lgmp:shmDevice=/dev/kvmfr1", "LGMP:shmdevice=/dev/kvmfr1", "app:configFile=/tmp/evil.ini",
            "App:ConfigFile=/tmp/evil.ini", " spice:host =10.0.0.5"})
    void optionsThatWouldPointTheViewerElsewhereAreRefusedInEverySpelling(String text) {
        String m = refused(text);
        String key = text.substring(0, text.indexOf('=')).strip();
        assertTrue(m.startsWith("client option " + key + " is refused: "), m);
        assertTrue(m.contains("lg-manager sets the shared-memory file and SPICE endpoint itself; a listed user could"
                + " otherwise point another user's viewer elsewhere"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spice:clipboard=yes", "spice:clipboardToVM=yes", "SPICE:CLIPBOARDTOLOCAL=no",
            "clipboard:toVM=yes", "Clipboard:enable=1"})
    void clipboardOptionsAreRefusedSinceTheClipboardIsEachUsersOwn(String text) {
        String m = refused(text);
        assertTrue(m.contains("is refused: clipboard sharing is each user's own choice"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spice:enable=yes", "spice:enable=ON", "SPICE:Enable=1", "spice:enable=true"})
    void spiceCannotBeSwitchedOnForAVmWhoseSpiceTheTraySwitchedOff(String text) {
        assertTrue(refused(text).contains("127.0.0.1:5900"));
    }

    @Test
    void harmlessOptionsStayAllowed() throws Exception {
        assertEquals("no", ClientOption.parse("spice:enable=no").value());
        assertEquals("2", ClientOption.parse("egl:scale=2").value());
        assertEquals("yes", ClientOption.parse("win:fullScreen=yes").value());
        assertEquals("yes", ClientOption.parse("spice:captureOnStart=yes").value());
    }

    /** The client's short flags cannot be written in our format at all: a key is module:name. */
    @ParameterizedTest
    @ValueSource(strings = {"-f=/dev/shm/other", "-c=10.0.0.5", "-p=5901", "-C=/tmp/evil.ini", "f=/dev/shm/other"})
    void shortFlagsAreNotOptions(String text) {
        assertTrue(refused(text).startsWith("invalid client option name"));
    }

    @Test
    void settingsStoredBeforeTheRefusalStillLoadWithTheirOptions() throws Exception {
        String vm = """
                <domain type='kvm'>
                  <name>win11</name>
                  <metadata>
                    <lgm:looking-glass xmlns:lgm='https://lgmanager.github.io/xmlns/vm/1'>
                      <lgm:enabled>true</lgm:enabled>
                      <lgm:client-options>
                        <lgm:option key='spice:host' value='10.0.0.5'/>
                        <lgm:option key='egl:scale' value='2'/>
                      </lgm:client-options>
                    </lgm:looking-glass>
                  </metadata>
                </domain>
                """;
        LookingGlassSettings s = DomainXmlReader.settings(vm).orElseThrow();
        assertEquals(List.of("spice:host=10.0.0.5", "egl:scale=2"),
                s.clientOptions().stream().map(ClientOption::argument).toList());
    }
}
