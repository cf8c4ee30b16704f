package io.github.lgmanager.daemon.shm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code user} and {@code group} QEMU runs as, read from the text of libvirt's {@code qemu.conf}
 * ({@code user = "libvirt-qemu"}; {@code #} starts a comment). Either may be absent: libvirt then uses the
 * value it was built with. Pure: the caller reads the file.
 */
public record QemuUserConfig(Optional<String> user, Optional<String> group) {
    private static final Pattern SETTING = Pattern.compile("^\\s*(user|group)\\s*=\\s*\"([^\"]*)\"\\s*(#.*)?$");

    public static QemuUserConfig parse(String qemuConf) {
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        for (String line : qemuConf.split("\n")) {
            Matcher m = SETTING.matcher(line);
            if (m.matches() && !m.group(2).isBlank()) {
                // libvirt's parser keeps the last assignment of a key
                if (m.group(1).equals("user")) {
                    user = Optional.of(m.group(2).strip());
                } else {
                    group = Optional.of(m.group(2).strip());
                }
            }
        }
        return new QemuUserConfig(user, group);
    }
}
