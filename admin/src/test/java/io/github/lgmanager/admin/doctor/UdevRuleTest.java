// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** udev rules split into pairs: which device a rule matches, what it assigns, and the rule rewritten. */
class UdevRuleTest {
    private static final String DOCS_RULE = "SUBSYSTEM==\"kvmfr\", OWNER=\"alice\", GROUP=\"kvm\", MODE=\"0660\"";

    @Test
    void theRuleFromLookingGlassDocsMatchesKvmfrAndAssignsAnOwner() {
        List<UdevRule> rules = UdevRule.parse("/etc/udev/rules.d/99-kvmfr.rules", "# Looking Glass\n\n" + DOCS_RULE + "\n");
        assertEquals(1, rules.size());
        UdevRule rule = rules.get(0);
        assertEquals(3, rule.line());
        assertTrue(rule.matchesKvmfr());
        assertEquals(Optional.of("alice"), rule.assigned("OWNER"));
        assertEquals(Optional.of("0660"), rule.assigned("MODE"));
        assertEquals(Optional.empty(), rule.assigned("SUBSYSTEM"), "a match is no assignment");
    }

    @Test
    void continuedLinesAreOneRuleAndTheLastAssignmentWins() {
        List<UdevRule> rules = UdevRule.parse("f", "KERNEL==\"kvmfr0\", \\\n  SUBSYSTEM==\"kvmfr\", OWNER=\"bob\", \\\n"
                + "  OWNER:=\"root\", TAG+=\"uaccess\"\nSUBSYSTEM==\"drm\", GROUP=\"video\"\n");
        assertEquals(2, rules.size());
        assertEquals(1, rules.get(0).line());
        assertEquals(4, rules.get(1).line());
        assertEquals(Optional.of("root"), rules.get(0).assigned("OWNER"));
        assertTrue(rules.get(0).matchesKvmfr());
        assertFalse(rules.get(1).matchesKvmfr());
    }

    @Test
    void aLineThatIsNotPairsIsLeftOut() {
        assertTrue(UdevRule.parse("f", "SUBSYSTEM==\"kvmfr\" OWNER=\"alice\"\n").isEmpty(), "no comma");
        assertTrue(UdevRule.parse("f", "SUBSYSTEM==kvmfr, MODE=\"0666\"\n").isEmpty(), "unquoted");
        assertTrue(UdevRule.parse("f", "   \n#SUBSYSTEM==\"kvmfr\", OWNER=\"alice\"\n").isEmpty());
    }

    @Test
    void aKvmfrMatchNeedsEqualityOnTheSubsystem() {
        assertFalse(UdevRule.parse("f", "SUBSYSTEM!=\"kvmfr\", GOTO=\"end\"").get(0).matchesKvmfr());
        assertFalse(UdevRule.parse("f", "ATTRS{name}==\"kvmfr\", MODE=\"0600\"").get(0).matchesKvmfr());
    }

    @Test
    void rewritingKeepsMatchesAndOtherAssignmentsAndReplacesOwnership() {
        UdevRule rule = UdevRule.parse("f", "KERNEL==\"kvmfr*\", SUBSYSTEM==\"kvmfr\", OWNER=\"alice\", "
                + "TAG+=\"uaccess\", MODE=\"0666\"").get(0);
        assertEquals("KERNEL==\"kvmfr*\", SUBSYSTEM==\"kvmfr\", TAG+=\"uaccess\", GROUP=\"kvm\", MODE=\"0660\"",
                rule.with(KvmfrChecks.CORRECT_OWNERSHIP));
    }
}
