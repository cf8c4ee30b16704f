// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.shm;

import io.github.lgmanager.testkit.ExternalProcess;
import io.github.lgmanager.testkit.Prerequisite;
import io.github.lgmanager.testkit.UniqueNames;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Files a test plants in a folder (by default the real /dev/shm), under unique names, each removed on close
 * without following links: regular files of a given owner and size, FIFOs, folders, links, device nodes.
 */
final class ScratchFiles implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Path DEV_SHM = Path.of("/dev/shm");
    private final Deque<Path> created = new ArrayDeque<>();

    /** A unique name in /dev/shm, not created. */
    Path name() {
        return track(DEV_SHM.resolve(UniqueNames.next()));
    }

    /** A folder anyone may traverse (so test users can reach what is inside), in {@code parent}. */
    Path folder(Path parent) {
        try {
            Path folder = track(Files.createDirectory(parent.resolve(UniqueNames.next())));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What QEMU creates: a regular file of {@code size} bytes (sparse), mode 0644, owned by {@code owner}. */
    Path regularFile(Path path, int owner, long size) {
        try (var file = new RandomAccessFile(track(path).toFile(), "rw")) {
            file.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owned(path, owner, "rw-r--r--");
    }

    Path fifo(Path path, int owner) {
        ExternalProcess.check(TIMEOUT, Prerequisite.program("/usr/bin/mkfifo", "coreutils").toString(),
                track(path).toString());
        return owned(path, owner, "rw-r--r--");
    }

    Path directory(Path path, int owner) {
        try {
            Files.createDirectory(track(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owned(path, owner, "rwxr-xr-x");
    }

    /** A character device node like /dev/null (major 1, minor 3): harmless to open. */
    Path characterDevice(Path path, int owner) {
        return characterDevice(path, owner, 1, 3);
    }

    /** A character device node; major 1 minor 255 has no driver behind it (opening it fails with ENXIO). */
    Path characterDevice(Path path, int owner, int major, int minor) {
        ExternalProcess.check(TIMEOUT, Prerequisite.program("/usr/bin/mknod", "coreutils").toString(),
                track(path).toString(), "c", Integer.toString(major), Integer.toString(minor));
        return owned(path, owner, "rw-r--r--");
    }

    /** A symbolic link, itself owned by {@code owner} as if that user had planted it. */
    Path symbolicLink(Path path, Path target, int owner) {
        try {
            Files.createSymbolicLink(track(path), target);
            Files.setAttribute(path, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    Path hardLink(Path path, Path existing) {
        try {
            return Files.createLink(track(path), existing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the file to {@code owner} (group: the gid of the same number, as useradd --user-group makes). */
    private static Path owned(Path path, int owner, String permissions) {
        try {
            // a build that is not root can only keep its own files: no chown needed then
            if (owner != (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)) {
                Files.setAttribute(path, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", owner, LinkOption.NOFOLLOW_LINKS);
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    Path track(Path path) {
        created.push(path);
        return path;
    }

    @Override
    public void close() throws IOException {
        while (!created.isEmpty()) {
            deleteTree(created.pop());
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> inside = Files.walk(path)) {
                for (Path p : inside.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
