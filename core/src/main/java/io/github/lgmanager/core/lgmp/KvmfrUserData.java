// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.lgmp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The LGMP user data a KVMFR host publishes: the KVMFR header (magic, version, the host's version string,
 * features) and one OS-info record. The client needs only the header; it prints the records ("OS : Other",
 * "OS Name : ..."). No VM-info record: the client would compare its CPU with the one named there and warn.
 */
public final class KvmfrUserData {
    private KvmfrUserData() {
    }

    /**
     * @param hostVersion what the client logs as the guest's "Version"; cut to 31 bytes of UTF-8 (whole characters)
     * @param osName      shown as "OS Name"
     */
    public static byte[] of(String hostVersion, int osKind, String osName) {
        byte[] name = (osName + "\0").getBytes(StandardCharsets.UTF_8);
        int recordBody = 1 + name.length;
        ByteBuffer b = ByteBuffer.allocate(KvmfrLayout.Header.BYTES + KvmfrLayout.Record.BYTES + recordBody)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(KvmfrLayout.Header.MAGIC, KvmfrLayout.magic());
        b.putInt(KvmfrLayout.Header.VERSION, KvmfrLayout.VERSION);
        b.put(KvmfrLayout.Header.HOST_VERSION, cString(hostVersion, KvmfrLayout.Header.HOST_VERSION_BYTES));
        b.putInt(KvmfrLayout.Header.FEATURES, 0);
        int record = KvmfrLayout.Header.BYTES;
        b.put(record + KvmfrLayout.Record.TYPE, (byte) KvmfrLayout.Record.TYPE_OS_INFO);
        b.putInt(record + KvmfrLayout.Record.SIZE, recordBody);
        int body = record + KvmfrLayout.Record.BYTES;
        b.put(body, (byte) osKind);
        b.put(body + 1, name);
        return b.array();
    }

    /** At most {@code bytes - 1} bytes of UTF-8 without splitting a character, then NULs to fill. */
    static byte[] cString(String text, int bytes) {
        byte[] out = new byte[bytes];
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (used + encoded.length > bytes - 1) {
                break;
            }
            System.arraycopy(encoded, 0, out, used, encoded.length);
            used += encoded.length;
            i += Character.charCount(codePoint);
        }
        return out;
    }
}
