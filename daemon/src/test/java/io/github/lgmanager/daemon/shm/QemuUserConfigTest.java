package io.github.lgmanager.daemon.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QemuUserConfigTest {

    @Test
    void debiansShippedFileSetsNothingSoLibvirtsBuiltInUserApplies() {
        String shipped = """
                # The user for QEMU processes run by the system instance. It can be
                # specified as a user name or as a user id. The qemu driver will try to
                # parse this value first as a name and then, if the name doesn't exist,
                # as a user id.
                #
                #user = "qemu"   # A user named "qemu"
                #user = "+0"     # Super-user (uid=0)
                #group = "100"   # A group named "100" or a gid=100
                """;
        assertEquals(new QemuUserConfig(Optional.empty(), Optional.empty()), QemuUserConfig.parse(shipped));
    }

    @Test
    void userAndGroupAreReadWithSpacesAndTrailingComments() {
        QemuUserConfig conf = QemuUserConfig.parse("user = \"qemu\"\n  group=\"kvm\"   # the kvm group\n");
        assertEquals(Optional.of("qemu"), conf.user());
        assertEquals(Optional.of("kvm"), conf.group());
    }

    @Test
    void theLastAssignmentWinsAsInLibvirtsParser() {
        assertEquals(Optional.of("+64055"), QemuUserConfig.parse("user = \"qemu\"\nuser = \"+64055\"\n").user());
    }

    @Test
    void otherKeysThatEndInUserAreNotTheUser() {
        assertEquals(Optional.empty(), QemuUserConfig.parse("vnc_sasl_user = \"x\"\nspice_user = \"y\"\n").user());
    }
}
