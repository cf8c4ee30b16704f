// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.Cli.Run;
import io.github.lgmanager.admin.displaytest.TestCardLoop;
import io.github.lgmanager.admin.doctor.LgmpHeader;
import io.github.lgmanager.api.ProductVersion;
import io.github.lgmanager.core.displaytest.TestCard;
import io.github.lgmanager.core.lgmp.Bytes;
import io.github.lgmanager.core.lgmp.LgmpLayout;
import io.github.lgmanager.core.lgmp.SimulatedClient;
import io.github.lgmanager.core.lgmp.SimulatedClient.Message;
import io.github.lgmanager.core.lgmp.SimulatedClient.Status;
import io.github.lgmanager.core.lgmp.SimulatedClient.Subscription;
import io.github.lgmanager.core.vm.VmView;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * display-test on a file in a temporary /dev/shm: a simulated B7 client (the daemon's test helper, acting out
 * the client library on the same mapping) connects while the command runs.
 */
class DisplayTestCommandTest {
    @TempDir
    Path root;
    private Host host;
    private Path shm;

    @BeforeEach
    void shmFolder() throws Exception {
        Files.createDirectories(root.resolve("dev/shm"));
        host = new Host(Map.of(), "alice", root);
        shm = root.resolve("dev/shm/lgmt-display-test");
    }

    private MappedByteBuffer makeFile(int mib) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(shm.toFile(), "rw")) {
            f.setLength((long) mib << 20);
            return f.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, f.length());
        }
    }

    private static long millis() {
        return System.nanoTime() / 1_000_000;
    }

    @Test
    void aClientSeesTheTestCardAndTheRunEndsWithTheHeaderMarkedNotRunning() throws Exception {
        MappedByteBuffer memory = makeFile(4);
        SimulatedClient client = new SimulatedClient(memory, 0x5151, DisplayTestCommandTest::millis);
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> Cli.run(host, "display-test", "--file",
                shm.toString(), "--seconds", "4", "--fps", "20", "--size", "64x48"));

        long deadline = millis() + 10_000;
        while (client.sessionInit() != Status.OK) {
            assertTrue(millis() < deadline, "no session within 10 s");
            Thread.sleep(5);
        }
        LgmpHeader header = LgmpHeader.parse(Bytes.get(memory, 0, LgmpHeader.BYTES));
        assertEquals(new LgmpHeader(LgmpHeader.State.FOUND, 6, 20, "lg-manager " + ProductVersion.get(), 0), header,
                "doctor reads our header as a B7 host's");
        // the host makes its queues just after the header, so a client may find none yet: it waits, as B7's does
        Status[] failure = new Status[1];
        Subscription frames;
        while ((frames = client.subscribe(2, failure)) == null) {
            assertEquals(Status.NO_SUCH_QUEUE, failure[0]);
            assertTrue(millis() < deadline, "no frame queue within 10 s");
            Thread.sleep(1);
        }
        awaitHeartbeats(memory, 2, deadline);
        Message[] got = new Message[1];
        while (client.process(frames, got) != Status.OK) {
            assertTrue(millis() < deadline, "no frame within 10 s");
            Thread.sleep(5);
        }
        int frame = got[0].offset();
        int serial = Bytes.u32(memory, frame + 4);
        int buffer = frame + Bytes.u32(memory, frame + 48);
        while (Bytes.u32(memory, buffer) < 64 * 48 * 4) {
            Thread.onSpinWait();
        }
        assertArrayEquals(TestCard.render(64, 48, serial - 1), Bytes.get(memory, buffer + 4, 64 * 48 * 4));
        client.messageDone(frames);
        client.unsubscribe(frames);
        awaitHeartbeats(memory, 2, deadline);

        Run result = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("serving a 64x48 test card at 20 fps on " + shm + " (4 MiB), session "),
                result.toString());
        assertEquals("start the client now: looking-glass-client -f " + shm + " spice:enable=no", lines.get(1));
        assertTrue(lines.contains("client 00005151 subscribed to frames"), result.toString());
        assertTrue(lines.contains("client 00005151 unsubscribed"), result.toString());
        assertTrue(lines.get(lines.size() - 1).matches("served [1-9][0-9]* frames in [0-9.]+ s \\([0-9.]+ fps over the [0-9.]+ s"
                + " a client was subscribed\\); 1 client subscription"), result.toString());
        assertEquals(LgmpHeader.State.EMPTY, LgmpHeader.parse(Bytes.get(memory, 0, LgmpHeader.BYTES)).state(),
                "doctor sees a header no host application wrote");
    }

    /** Waits until the host beat {@code beats} times: a change of its subscribers has then been looked at. */
    private static void awaitHeartbeats(MappedByteBuffer memory, int beats, long deadline) throws InterruptedException {
        long last = Bytes.u64(memory, 16);
        for (int seen = 0; seen < beats; ) {
            assertTrue(millis() < deadline, "the heartbeat stopped");
            Thread.sleep(2);
            long now = Bytes.u64(memory, 16);
            if (now != last) {
                seen++;
                last = now;
            }
        }
    }

    @Test
    void aRunningGuestHostIsNotDisturbed() throws Exception {
        MappedByteBuffer memory = makeFile(1);
        Bytes.put32(memory, 0, LgmpLayout.MAGIC);
        Bytes.put32(memory, 4, 6);
        Bytes.put32(memory, 8, 0xabc);
        AtomicBoolean beating = new AtomicBoolean(true);
        Thread guestHost = new Thread(() -> {
            long t = 1;
            while (beating.get()) {
                Bytes.put64(memory, 16, t++);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        guestHost.setDaemon(true);
        guestHost.start();
        try {
            Run run = Cli.run(host, "display-test", "--file", shm.toString(), "--seconds", "1");
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals("lg-admin: " + shm + ": the guest's own host application is running on this shared memory (LGMP 6,"
                    + " session 0x00000abc, heartbeat moving); stop it first\n", run.err());
            assertEquals(0xabc, Bytes.u32(memory, 8), "its session is untouched");
        } finally {
            beating.set(false);
        }
    }

    @Test
    void memoryThatIsNotLookingGlassIsRefused() throws Exception {
        MappedByteBuffer memory = makeFile(1);
        memory.put(12, (byte) 7);
        Run run = Cli.run(host, "display-test", "--file", shm.toString(), "--seconds", "1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not Looking Glass memory, refusing to overwrite it"), run.err());
    }

    @Test
    void aCardTooLargeForTheFileNamesTheSizeOption() throws Exception {
        makeFile(1);
        Run run = Cli.run(host, "display-test", "--file", shm.toString(), "--size", "1080p", "--seconds", "1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("a 1920x1080 test card needs 2 frames of 7.9 MiB") && run.err().endsWith(
                "choose a smaller size (--size)\n"), run.err());
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Run run = Cli.run(host, "display-test", "--file", shm.toString());
        assertEquals(1, run.exitCode());
        assertEquals("lg-admin: no " + shm + ": create it first (for example: truncate -s 32M " + shm + ")\n", run.err());
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        Path target = root.resolve("elsewhere");
        Files.write(target, new byte[8192]);
        Files.createSymbolicLink(shm, target);
        Run run = Cli.run(host, "display-test", "--file", shm.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is a symbolic link"), run.err());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Files.write(shm, new byte[0]);
        Run run = Cli.run(host, "display-test", "--file", shm.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is empty"), run.err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, Cli.run(host, "display-test").exitCode(), "neither a VM nor --file");
        assertEquals(2, Cli.run(host, "display-test", "win11", "--file", shm.toString()).exitCode(), "both");
        Run outside = Cli.run(host, "display-test", "--file", root.resolve("x").toString());
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("--file must name a file directly in /dev/shm"), outside.err());
        assertEquals(2, Cli.run(host, "display-test", "--file", shm.toString(), "--fps", "0").exitCode());
        assertEquals(2, Cli.run(host, "display-test", "--file", shm.toString(), "--seconds", "0").exitCode());
    }

    @Test
    void theClientHintPointsAtTheVmsSpiceServer() {
        assertEquals(" -c /run/lg-manager/spice/x/spice.sock -p 0",
                DisplayTestCommand.spiceArguments(vm(true, "/run/lg-manager/spice/x/spice.sock", 0)));
        assertEquals(" -c 127.0.0.1 -p 5900", DisplayTestCommand.spiceArguments(vm(true, "127.0.0.1", 5900)));
        assertEquals(" spice:enable=no", DisplayTestCommand.spiceArguments(vm(true, "", 0)));
        assertEquals(" spice:enable=no", DisplayTestCommand.spiceArguments(vm(false, "127.0.0.1", 5900)));
    }

    @Test
    void theSummarySaysWhetherAClientCame() {
        Path path = Path.of("/dev/shm/x");
        assertEquals("served 0 frames in 2.0 s; no client subscribed (run looking-glass-client -f /dev/shm/x while this"
                + " runs)", DisplayTestCommand.summary(new TestCardLoop.Summary(0, Duration.ofSeconds(2), Duration.ZERO, 0,
                        Optional.empty()), path));
        assertEquals("served 150 frames in 10.0 s (30.0 fps over the 5.0 s a client was subscribed); 2 client"
                + " subscriptions", DisplayTestCommand.summary(new TestCardLoop.Summary(150, Duration.ofSeconds(10),
                        Duration.ofSeconds(5), 2, Optional.empty()), path));
    }

    private static VmView vm(boolean running, String spiceHost, int spicePort) {
        return new VmView("u", "win11", running, true, "shm", "/dev/shm/looking-glass-win11", 32, 32, 1920, 1080, false,
                "b7", List.of("alice"), List.of(), List.of(), spiceHost, spicePort, true, "", false);
    }
}
