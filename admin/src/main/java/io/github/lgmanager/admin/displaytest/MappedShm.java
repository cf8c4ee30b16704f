// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.displaytest;

import io.github.lgmanager.admin.AdminException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A shared-memory file mapped read-write by the user running lg-admin, with the access the client itself would
 * need: only a regular file (no symbolic link followed, no device: FileChannel cannot map a kvmfr device).
 */
public final class MappedShm implements AutoCloseable {
    private static final long MIB = 1L << 20;

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;

    private MappedShm(Path path, FileChannel channel, MappedByteBuffer buffer) {
        this.path = path;
        this.channel = channel;
        this.buffer = buffer;
    }

    /**
     * @param user     who is opening it, for the error
     * @param whenGone what to do when the file does not exist (e.g. start the VM)
     */
    public static MappedShm open(Path path, String user, String whenGone) throws AdminException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new AdminException("no " + path + ": " + whenGone);
        } catch (IOException e) {
            throw new AdminException("cannot look at " + path + ": " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            String kind = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isDirectory() ? "a folder"
                    : "not a regular file";
            throw new AdminException(path + " is " + kind + ": display-test writes only into a regular shared-memory"
                    + " file, and follows no links");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            throw new AdminException("cannot open " + path + " for reading and writing as " + user + ": permission"
                    + " denied (the client would fail the same way; lg-daemon grants a VM's users access when it"
                    + " starts, and lg-admin doctor VM says why not)");
        } catch (IOException e) {
            throw new AdminException("cannot open " + path + ": " + e.getMessage());
        }
        try {
            long size = channel.size();
            if (size == 0) {
                throw new AdminException(path + " is empty: QEMU sizes it when the VM starts");
            }
            if (size > Integer.MAX_VALUE) {
                throw new AdminException(path + " has " + size / MIB + " MiB; display-test maps at most 2047 MiB");
            }
            return new MappedShm(path, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException e) {
            close(channel);
            throw new AdminException("cannot map " + path + ": " + e.getMessage());
        } catch (AdminException e) {
            close(channel);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public MappedByteBuffer buffer() {
        return buffer;
    }

    public long sizeMiB() {
        return buffer.capacity() / MIB;
    }

    /** The mapping stays usable until collected; closing the channel only gives the descriptor back. */
    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through the channel itself; the mapping is what carried the frames
        }
    }
}
