// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.hook;

import io.github.lgmanager.core.xml.SharedMemoryDevice;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which other running VM already uses a shared-memory path, from the status files libvirt keeps for each running
 * QEMU domain ({@code /run/libvirt/qemu/NAME.xml}, the same folder for libvirtd and virtqemud): the hook may not
 * ask libvirt, which is waiting for it. Best effort — lg-daemon and {@code lg-admin doctor} check names too.
 */
public final class RunningDomains {
    static final List<Path> FOLDERS = List.of(Path.of("/run/libvirt/qemu"));
    private static final long MAX_STATUS_BYTES = 16 << 20;
    private final List<Path> folders;

    RunningDomains(List<Path> folders) {
        this.folders = folders;
    }

    public static RunningDomains onThisMachine() {
        return new RunningDomains(FOLDERS);
    }

    /** The name of another running VM whose status mentions this device's shm name or kvmfr path, if any. */
    public Optional<String> otherUserOf(String vm, SharedMemoryDevice device) {
        Pattern use = usePattern(device);
        for (Path folder : folders) {
            try (DirectoryStream<Path> status = Files.newDirectoryStream(folder, "*.xml")) {
                for (Path file : status) {
                    String name = file.getFileName().toString();
                    name = name.substring(0, name.length() - ".xml".length());
                    if (!name.equals(vm) && Files.isRegularFile(file) && Files.size(file) < MAX_STATUS_BYTES
                            && use.matcher(Files.readString(file)).find()) {
                        return Optional.of(name);
                    }
                }
            } catch (IOException e) {
                // no status folder (libvirt not running here) or unreadable: nothing known to be running
            }
        }
        return Optional.empty();
    }

    private static Pattern usePattern(SharedMemoryDevice device) {
        String path = device.path();
        if (path.startsWith("/dev/shm/")) {
            String name = Pattern.quote(path.substring("/dev/shm/".length()));
            return Pattern.compile("<shmem\\s+name=(['\"])" + name + "\\1");
        }
        return Pattern.compile(Pattern.quote(path) + "(?![0-9])");
    }
}
