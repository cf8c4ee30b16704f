// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * looking-glass-client's release ("B7", "B7-rc1", "B6-123-gabcdef0"), read from the program file without running
 * it. Running it is no way to ask: B7 has no version option, ignores an unknown one and starts — it opens the
 * shared memory and connects to SPICE (127.0.0.1:5900 by default), which can take over the user's live session
 * (looking-glass-facts.md §9). Its build puts the release in the binary as a string of its own
 * (BUILD_VERSION), which is what is read here.
 */
final class ClientVersion {
    private static final Pattern RELEASE = Pattern.compile("\\b(B\\d+(?:\\.\\d+)?(?:-rc\\d+)?(?:-\\d+-g[0-9a-f]+)?)\\b");
    private static final Pattern WHOLE_RELEASE = Pattern.compile("B\\d+(?:\\.\\d+)?(?:-rc\\d+)?(?:-\\d+-g[0-9a-f]+)?");
    private static final long MAX_BYTES = 256L << 20;

    private ClientVersion() {
    }

    /** The release named in a text, if any (e.g. the client's first log line "Looking Glass (B7)"). */
    static Optional<String> parse(String output) {
        Matcher m = RELEASE.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The release stored in the program file: the one NUL-terminated string that is a release and nothing else. */
    static Optional<String> read(Path client) {
        try (InputStream in = Files.newInputStream(client)) {
            return inBinary(in.readNBytes((int) Math.min(MAX_BYTES, Math.max(0, Files.size(client)))));
        } catch (IOException | OutOfMemoryError e) {
            return Optional.empty();
        }
    }

    /**
     * Pure: the single release string among the NUL-terminated strings of the program's read-only data (the ELF
     * .rodata section; the whole file when it is no ELF), empty if none or several. Only .rodata, since symbol
     * tables hold short NUL-separated names such as "B2" too.
     */
    static Optional<String> inBinary(byte[] binary) {
        int[] range = rodata(binary).orElse(new int[] {0, binary.length});
        Set<String> found = new TreeSet<>();
        int end = range[0] + range[1];
        int start = range[0];
        for (int i = range[0]; i <= end; i++) {
            if (i == end || binary[i] == 0) {
                int length = i - start;
                if (length >= 2 && length <= 40 && binary[start] == 'B') {
                    String text = new String(binary, start, length, StandardCharsets.US_ASCII);
                    if (WHOLE_RELEASE.matcher(text).matches()) {
                        found.add(text);
                    }
                }
                start = i + 1;
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** Offset and size of a 64-bit little-endian ELF file's .rodata section, from its section headers. */
    static Optional<int[]> rodata(byte[] elf) {
        if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2
                || elf[5] != 1) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long headers = in.getLong(0x28);
            int size = Short.toUnsignedInt(in.getShort(0x3A));
            int count = Short.toUnsignedInt(in.getShort(0x3C));
            int namesIndex = Short.toUnsignedInt(in.getShort(0x3E));
            long names = in.getLong(Math.toIntExact(headers + (long) namesIndex * size + 0x18));
            for (int i = 0; i < count; i++) {
                int header = Math.toIntExact(headers + (long) i * size);
                int name = Math.toIntExact(names + Integer.toUnsignedLong(in.getInt(header)));
                if (cString(elf, name).equals(".rodata")) {
                    int offset = Math.toIntExact(in.getLong(header + 0x18));
                    int length = Math.toIntExact(in.getLong(header + 0x20));
                    return offset >= 0 && length >= 0 && (long) offset + length <= elf.length
                            ? Optional.of(new int[] {offset, length}) : Optional.empty();
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            return Optional.empty(); // a damaged file: read it whole instead
        }
        return Optional.empty();
    }

    private static String cString(byte[] bytes, int at) {
        int end = at;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
    }
}
