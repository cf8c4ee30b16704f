// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.testkit;

import java.time.Duration;

/** A real, non-root local user made for one test run and deleted after it: the "desktop user" of our tests. */
public final class TestUser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final String name;
    private final int uid;

    private TestUser(String name, int uid) {
        this.name = name;
        this.uid = uid;
    }

    public static TestUser create() {
        Prerequisite.root();
        String useradd = Prerequisite.program("/usr/sbin/useradd", "passwd").toString();
        String name = UniqueNames.next();
        ExternalProcess.check(TIMEOUT, useradd, "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", "--user-group", name);
        int uid = Integer.parseInt(ExternalProcess.check(TIMEOUT, "/usr/bin/id", "-u", name).strip());
        return new TestUser(name, uid);
    }

    public String name() {
        return name;
    }

    public int uid() {
        return uid;
    }

    /** Gives this user a password (chpasswd), for journeys where they type it into a polkit agent. */
    public void setPassword(String password) {
        ExternalProcess.Result r = ExternalProcess.runWithInput(TIMEOUT, name + ":" + password + "\n", "/usr/sbin/chpasswd");
        if (!r.ok()) {
            throw new AssertionError("chpasswd failed for " + name + ": " + r.stderr());
        }
    }

    /** Runs a program as this user (runuser, no login shell, no password) and returns how it ended. */
    public ExternalProcess.Result run(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "/usr/sbin/runuser";
        full[1] = "-u";
        full[2] = name;
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        return ExternalProcess.run(TIMEOUT, full);
    }

    /** True when this user may open the file for reading and writing, as looking-glass-client does. */
    public boolean canReadAndWrite(String path) {
        return run("/usr/bin/test", "-r", path, "-a", "-w", path).ok();
    }

    /** True when this user may open the file for reading (what a viewer of someone else's screen needs). */
    public boolean canRead(String path) {
        return run("/usr/bin/test", "-r", path).ok();
    }

    @Override
    public void close() {
        ExternalProcess.run(TIMEOUT, "/usr/sbin/userdel", name);
    }
}
