// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a file looks like from outside, to prove a refusal left it untouched: its own attributes (never a
 * link's target's), its ctime, which any chmod, chown or xattr write moves, and its ACL as getfacl prints it.
 */
record FileSnapshot(Map<String, Object> attributes, String getfacl) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static FileSnapshot of(Path path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,gid,size,nlink,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            String acl = Files.isSymbolicLink(path) ? "(a link: getfacl would follow it)" : getfacl(path, "-n");
            return new FileSnapshot(Map.copyOf(attributes), acl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** getfacl's entries without its header, e.g. "user::rw-\nuser:lgmt-x-2:rw-\n...". */
    static String getfacl(Path path, String... options) {
        String[] command = new String[options.length + 4];
        command[0] = Prerequisite.program("/usr/bin/getfacl", "acl").toString();
        command[1] = "--omit-header";
        command[2] = "--absolute-names";
        System.arraycopy(options, 0, command, 3, options.length);
        command[command.length - 1] = path.toString();
        return ExternalProcess.check(TIMEOUT, command);
    }

    static void setfacl(Path path, String modification) {
        ExternalProcess.check(TIMEOUT, Prerequisite.program("/usr/bin/setfacl", "acl").toString(), "-m",
                modification, path.toString());
    }
}
