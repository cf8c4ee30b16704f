package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.CheckAssertions.assertCheck;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.daemon.vm.VmView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPICE graphics, and the client options that must not point elsewhere. */
class VmSpiceChecksTest {
    @Test
    void spice() {
        assertCheck(Status.PASS, "", VmSpiceChecks.spice(Fixtures.facts()));
        assertCheck(Status.WARN, "--with-spice", VmSpiceChecks.spice(Fixtures.xml("<domain><devices/></domain>")));
        VmView wrongPort = Fixtures.users(List.of("alice"), List.of("spice:port=5901"));
        Check c = VmSpiceChecks.spice(Fixtures.facts(wrongPort));
        assertCheck(Status.FAIL, "spice:host/spice:port", c);
        assertTrue(c.message().contains("5901") && c.message().contains("5900"), c.message());
    }
}
