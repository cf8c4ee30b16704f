// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.testkit.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built jar loads, from the JVM's own class-loading log: commands that need neither lg-daemon nor libvirt
 * load no libvirt, JNA or D-Bus class and no backend, which is most of why {@code lg-admin size 4k} starts fast
 * (docs/benchmarks.md, figure 6). A backend type in a command's field or method, or in AdminMain, breaks this.
 */
class AdminClassLoadingIT {
    private static final Path JAR = Path.of("target/lg-admin.jar").toAbsolutePath();

    /** What only a command that talks to libvirt or lg-daemon may load. */
    private static final List<String> BACKEND_PACKAGES = List.of("org.libvirt.", "com.sun.jna.", "org.freedesktop.dbus.",
            "jnr.", "org.slf4j.", "io.github.lgmanager.libvirt.", "io.github.lgmanager.linux.",
            "io.github.lgmanager.admin.backend.");

    @TempDir
    Path dir;

    private record Run(ExternalProcess.Result result, List<String> classes) {
        List<String> backendClasses() {
            return classes.stream().filter(c -> BACKEND_PACKAGES.stream().anyMatch(c::startsWith)).toList();
        }
    }

    /** Runs the jar as bin/lg-admin does, without a class-data archive, and reads which classes it loaded. */
    private Run run(String... args) throws IOException {
        Path log = dir.resolve("classes-" + String.join("-", args).replaceAll("[^a-z0-9-]", "_") + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + log + ":none", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ExternalProcess.Result result = ExternalProcess.run(Duration.ofSeconds(60), command.toArray(String[]::new));
        // one line per class: "NAME source: WHERE"
        List<String> classes = Files.readAllLines(log).stream().map(line -> line.split(" ", 2)[0]).toList();
        assertTrue(classes.contains("io.github.lgmanager.admin.AdminMain"), "no class-loading log in " + log);
        return new Run(result, classes);
    }

    @Test
    void sizeLoadsNoLibvirtJnaDbusOrBackendClass() throws IOException {
        Run run = run("size", "4k");
        assertEquals("3840x2160 SDR (b7): 128 MiB\n", run.result().stdout(), run.result().stderr());
        assertTrue(run.classes().contains("io.github.lgmanager.admin.SizeCommand"));
        assertEquals(List.of(), run.backendClasses());
    }

    @Test
    void helpLoadsNoLibvirtJnaDbusOrBackendClass() throws IOException {
        Run run = run("--help");
        assertEquals(0, run.result().exitCode(), run.result().stderr());
        assertTrue(run.result().stdout().contains("display-test"), run.result().stdout());
        assertEquals(List.of(), run.backendClasses());
    }

    @Test
    void aCommandsHelpLoadsNoLibvirtJnaDbusOrBackendClass() throws IOException {
        Run run = run("size", "--help");
        assertEquals(0, run.result().exitCode(), run.result().stderr());
        assertTrue(run.result().stdout().startsWith("Usage: lg-admin size"), run.result().stdout());
        assertEquals(List.of(), run.backendClasses());
    }

    /** The other side, so the checks above cannot pass because the log lacks what they look for. */
    @Test
    void listWithConnectLoadsLibvirtThroughTheDirectBackend() throws IOException {
        Run run = run("--connect", "test:///default", "list");
        assertEquals(0, run.result().exitCode(), run.result().stderr());
        assertTrue(run.backendClasses().containsAll(List.of("io.github.lgmanager.admin.backend.DirectBackend",
                "org.libvirt.Connect", "com.sun.jna.Native")), run.backendClasses().toString());
    }
}
