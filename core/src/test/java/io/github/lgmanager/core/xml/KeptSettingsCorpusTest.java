// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.SettingsRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over the corpus: settings a user lived with survive disable, an enable that gives nothing brings back the same
 * definition, and disable --forget after that leaves the definition as it was before the first enable.
 */
class KeptSettingsCorpusTest {
    private static final SettingsRule RULE = new SettingsRule(user -> true, path -> Optional.empty());
    private static final SettingsRule.Caller NOBODY = new SettingsRule.Caller() {
        @Override
        public boolean is(String user) {
            return false;
        }

        @Override
        public String describe() {
            return "nobody";
        }
    };

    static Stream<Corpus.Entry> withoutADeviceOfTheirOwn() {
        return Corpus.all().stream().filter(e -> !e.hasLookingGlassDevice());
    }

    private static LookingGlassSettings lived(String vm) throws Exception {
        return LookingGlassSettings.defaultsFor(vm).withResolution(new Resolution(3840, 2160)).withHdr(true)
                .withUsers(List.of("alice", "bob")).withAutoOpen("bob", true)
                .withClientOptions(List.of(ClientOption.parse("egl:scale=2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutADeviceOfTheirOwn")
    void enableAfterDisableRestoresTheDefinitionAndForgetRestoresTheOriginal(Corpus.Entry e) throws Exception {
        String original = e.xml();
        String enabled = DomainXmlEditor.enable(original, lived(e.name())).xml();
        String disabled = DomainXmlEditor.disable(enabled).xml();

        Optional<LookingGlassSettings> kept = DomainXmlEditor.readSettings(disabled);
        List<String> notes = new ArrayList<>();
        LookingGlassSettings restored = RULE.forEnable(e.name(), kept, EnableRequest.KEEP_ALL, NOBODY, notes);
        String reenabled = DomainXmlEditor.enable(disabled, restored).xml();

        assertEquals(lived(e.name()).withEnabled(true), restored);
        assertEquals(List.of(), notes);
        assertEquals(CanonicalXml.of(enabled), CanonicalXml.of(reenabled));
        String forgotten = DomainXmlEditor.disableAndForget(DomainXmlEditor.disable(reenabled).xml()).xml();
        assertEquals(CanonicalXml.of(original), CanonicalXml.of(forgotten));
    }
}
