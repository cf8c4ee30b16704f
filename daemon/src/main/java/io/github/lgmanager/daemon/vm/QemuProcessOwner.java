package io.github.lgmanager.daemon.vm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uid QEMU runs as, from the running VM's DAC security label (e.g. {@code <label>+64055:+64055</label>} in
 * {@code <seclabel type='dynamic' model='dac'>}): libvirt's own record, so no race with a PID file.
 */
final class QemuProcessOwner {
    private static final Pattern DAC = Pattern.compile(
            "<seclabel\\b[^>]*\\bmodel=['\"]dac['\"][^>]*>\\s*<label>\\s*\\+?(\\d+):\\+?\\d+\\s*</label>");

    private QemuProcessOwner() {
    }

    static Optional<Integer> uid(String liveXml) {
        Matcher m = DAC.matcher(liveXml);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
