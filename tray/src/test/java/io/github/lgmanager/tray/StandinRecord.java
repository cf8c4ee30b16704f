// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Reads what scripts/lg-viewer-standin recorded: one tab-separated line per start, access check and stop. */
final class StandinRecord {
    /** One line: time, pid, event ("start", "access", "stop"), then the event's words. */
    record Line(String time, String pid, String event, List<String> words) {
    }

    private final Path file;

    StandinRecord(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    List<Line> lines() {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
                String[] parts = l.split("\t", -1);
                return new Line(parts[0], parts[1], parts[2], Arrays.asList(parts).subList(3, parts.length));
            }).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    List<Line> events(String event) {
        return lines().stream().filter(l -> l.event().equals(event)).toList();
    }

    String text() {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no record yet)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until {@code ready} holds for the record's lines; fails naming what was recorded and the tray's log. */
    List<Line> await(String what, Predicate<List<Line>> ready, Duration timeout, Object context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Line> lines = lines();
            if (ready.test(lines)) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the stand-in viewer never recorded " + what + " within " + timeout.toSeconds()
                + " s; record:\n" + text() + "\n" + context);
    }
}
