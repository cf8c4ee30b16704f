// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientVersionTest {

    @Test
    void findsTheReleaseInWhatTheClientPrints() {
        assertEquals(Optional.of("B7"), ClientVersion.parse("Looking Glass (B7)\n"));
        assertEquals(Optional.of("B7-rc1"), ClientVersion.parse("version: B7-rc1\n"));
        assertEquals(Optional.of("B6-12-gabc1234"), ClientVersion.parse("B6-12-gabc1234"));
        assertEquals(Optional.empty(), ClientVersion.parse("unknown option --version"));
    }

    @Test
    void readsTheReleaseTheBuildStoredInTheProgramFile() {
        byte[] binary = bytes("\u007fELF\0\0Looking Glass (%s)\0B7\0BGRA\0B\0Bx7\0spice:enable\0");
        assertEquals(Optional.of("B7"), ClientVersion.inBinary(binary));
    }

    @Test
    void aDevelopmentBuildsDescribeStringIsItsRelease() {
        assertEquals(Optional.of("B7-12-gabc1234"), ClientVersion.inBinary(bytes("\0B7-12-gabc1234\0")));
    }

    @Test
    void noReleaseOrTwoDifferentOnesTellNothing() {
        assertEquals(Optional.empty(), ClientVersion.inBinary(bytes("\0B12x\0Looking Glass\0")));
        assertEquals(Optional.empty(), ClientVersion.inBinary(bytes("\0B6\0B7\0")));
        assertEquals(Optional.empty(), ClientVersion.inBinary(new byte[0]));
    }

    @Test
    void inAnElfFileOnlyItsReadOnlyDataCountsNotItsSymbolNames() {
        // a symbol table full of short names ("B2") beside .rodata holding the build's "B7"
        byte[] elf = elf("\0B2\0B3\0", "\0B7\0Looking Glass (%s)\0");
        assertEquals(Optional.of("B7"), ClientVersion.inBinary(elf));
    }

    /** A 64-bit little-endian ELF with sections: none, .shstrtab, .symtab (symbols), .rodata (rodata). */
    private static byte[] elf(String symbols, String rodata) {
        byte[] names = bytes("\0.shstrtab\0.symtab\0.rodata\0");
        byte[] sym = bytes(symbols);
        byte[] ro = bytes(rodata);
        int namesAt = 64;
        int symAt = namesAt + names.length;
        int roAt = symAt + sym.length;
        int headersAt = roAt + ro.length;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(headersAt + 4 * 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        out.putLong(0x28, headersAt).putShort(0x3A, (short) 64).putShort(0x3C, (short) 4).putShort(0x3E, (short) 1);
        out.put(namesAt, names).put(symAt, sym).put(roAt, ro);
        int[][] sections = {{0, 0, 0}, {1, namesAt, names.length}, {11, symAt, sym.length}, {19, roAt, ro.length}};
        for (int i = 0; i < sections.length; i++) {
            int at = headersAt + i * 64;
            out.putInt(at, sections[i][0]).putLong(at + 0x18, sections[i][1]).putLong(at + 0x20, sections[i][2]);
        }
        return out.array();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
