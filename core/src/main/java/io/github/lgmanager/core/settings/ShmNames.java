// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks shm names and kvmfr device paths. A shm name becomes {@code /dev/shm/NAME}, where the root
 * daemon creates and re-permissions files in a world-writable directory, so only plain file names
 * are accepted.
 */
public final class ShmNames {

    /**
     * The name Looking Glass's own documentation uses. Hand-made setups have it; we never give it to a VM,
     * since two VMs with one name share one file and so each other's screens.
     */
    public static final String DEFAULT_NAME = "looking-glass";
    private static final String PREFIX = "looking-glass-";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KVMFR = Pattern.compile("/dev/kvmfr[0-9]{1,2}");

    static final String NAME_RULE = "1 to 64 characters from A-Z a-z 0-9 . _ -, starting with a letter"
            + " or digit, no '/' and no '..' (it becomes /dev/shm/NAME)";
    static final String KVMFR_RULE = "/dev/kvmfrN with N from 0 to 99, as created by the kvmfr module";

    private ShmNames() {
    }

    /**
     * The shm name a VM gets when nobody chose one: {@code looking-glass-VMNAME}, unique per VM and the same on
     * every call. A VM name with characters a file name must not have (libvirt allows almost any), or too long
     * to fit, keeps its readable part and gets 8 hex digits of its SHA-256, so two such names stay apart.
     */
    public static String defaultFor(String vmName) {
        String readable = vmName.replaceAll("[^A-Za-z0-9._-]+", "-").replace("..", "-");
        int room = 64 - PREFIX.length();
        if (readable.equals(vmName) && readable.length() <= room) {
            return PREFIX + readable;
        }
        String hash = sha256Hex(vmName).substring(0, 8);
        String kept = readable.substring(0, Math.min(readable.length(), room - hash.length() - 1));
        return PREFIX + (kept.isEmpty() || kept.endsWith("-") ? kept : kept + "-") + hash;
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Why {@code name} is not a usable shm name, or empty if it is. */
    public static Optional<String> problemWithName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("empty shm name (use " + NAME_RULE + ")");
        }
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.of("invalid shm name '" + printable(name) + "' (use " + NAME_RULE + ")");
        }
        return Optional.empty();
    }

    /** A name known to be valid (settings are checked when made), checked again before it becomes a path. */
    static String checkedForPath(String name) {
        problemWithName(name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return name;
    }

    public static String checkName(String name) throws InvalidSettingsException {
        Optional<String> problem = problemWithName(name);
        if (problem.isPresent()) {
            throw new InvalidSettingsException(problem.get());
        }
        return name;
    }

    /** Why {@code path} is not a kvmfr device path, or empty if it is. */
    public static Optional<String> problemWithKvmfrDevice(String path) {
        if (path == null || !KVMFR.matcher(path).matches()) {
            return Optional.of("invalid kvmfr device '" + printable(path) + "' (use " + KVMFR_RULE + ")");
        }
        return Optional.empty();
    }

    public static String checkKvmfrDevice(String path) throws InvalidSettingsException {
        Optional<String> problem = problemWithKvmfrDevice(path);
        if (problem.isPresent()) {
            throw new InvalidSettingsException(problem.get());
        }
        return path;
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
