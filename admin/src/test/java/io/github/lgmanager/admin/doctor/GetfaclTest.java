// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** getfacl -n output becomes ACL entries; anything else is no ACL at all, with the reason kept. */
class GetfaclTest {
    private static final String OUTPUT = "# file: /dev/shm/looking-glass-win11\n# owner: 64055\n# group: 64055\n"
            + "user::rw-\nuser:1000:rwx\t#effective:rw-\ngroup::---\nmask::rw-\nother::---\n\n";

    @Test
    void theAccessEntriesAreReadAndTheRemarksSkipped() {
        assertEquals(List.of(new Getfacl.NumericEntry("user", "", 6), new Getfacl.NumericEntry("user", "1000", 7),
                new Getfacl.NumericEntry("group", "", 0), new Getfacl.NumericEntry("mask", "", 6),
                new Getfacl.NumericEntry("other", "", 0)), Getfacl.parse(OUTPUT));
    }

    @Test
    void defaultEntriesOfAFolderAreNotAccessEntries() {
        assertEquals(3, Getfacl.parse("user::rwx\ngroup::r-x\nother::r-x\ndefault:user::rwx\ndefault:user:1000:rwx\n").size());
    }

    @Test
    void outputThatIsNotAnAclIsRejectedWhole() {
        assertTrue(Getfacl.parse("user::rw-\nuser:alice:rw-\n").isEmpty(), "names, although -n was given");
        assertTrue(Getfacl.parse("user::rw-\nmask:7:rw-\n").isEmpty());
        assertTrue(Getfacl.parse("user::rwz\n").isEmpty());
        assertTrue(Getfacl.parse("getfacl: something went wrong\n").isEmpty());
    }

    @Test
    void aStandInGetfaclIsRunWithNumericIdsAndNoLinkFollowing(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("getfacl");
        Path args = dir.resolve("args");
        Files.writeString(program, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + args + "\nprintf '" + OUTPUT.replace("\t", "\\t")
                .replace("\n", "\\n") + "'\n");
        assertTrue(program.toFile().setExecutable(true));
        Getfacl.Outcome outcome = Getfacl.read(program, Path.of("/dev/shm/looking-glass-win11"));
        assertEquals("", outcome.problem());
        assertEquals(5, outcome.entries().size());
        assertEquals(List.of("-n", "-p", "-P", "--", "/dev/shm/looking-glass-win11"), Files.readAllLines(args));
    }

    @Test
    void getfaclsComplaintIsKeptAsTheReason(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("getfacl");
        Files.writeString(program, "#!/bin/sh\necho \"getfacl: $5: Permission denied\" >&2\nexit 1\n");
        assertTrue(program.toFile().setExecutable(true));
        assertEquals("getfacl: /x: Permission denied", Getfacl.read(program, Path.of("/x")).problem());
        assertTrue(Getfacl.read(dir.resolve("missing"), Path.of("/x")).problem().contains("not installed"));
    }
}
