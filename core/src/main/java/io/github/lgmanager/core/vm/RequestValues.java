// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import io.github.lgmanager.core.xml.GuestExtra;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What callers send (numbers, ids, "key=value" strings, flags) turned into core values; bad input is INVALID_ARGUMENT. */
public final class RequestValues {
    private RequestValues() {
    }

    public static Resolution resolution(int width, int height) throws InvalidSettingsException {
        try {
            return Resolution.parse(width + "x" + height);
        } catch (InvalidResolutionException e) {
            throw new InvalidSettingsException(e.getMessage());
        }
    }

    public static ShmFormula formula(String id) throws InvalidSettingsException {
        return ShmFormula.fromId(id).orElseThrow(() -> new InvalidSettingsException(
                "unknown formula '" + id + "' (use b7 or idd)"));
    }

    public static ShmMode mode(String id, String device) throws InvalidSettingsException {
        return switch (id) {
            case "shm" -> ShmMode.shm();
            case "kvmfr" -> ShmMode.kvmfr(device == null ? "/dev/kvmfr0" : device);
            default -> throw new InvalidSettingsException("unknown mode '" + id + "' (use shm or kvmfr)");
        };
    }

    public static List<ClientOption> clientOptions(List<String> options) throws InvalidSettingsException {
        List<ClientOption> parsed = new ArrayList<>();
        for (String option : options) {
            parsed.add(ClientOption.parse(option));
        }
        return parsed;
    }

    public static Set<GuestExtra> extras(EnableRequest r) {
        Set<GuestExtra> extras = EnumSet.noneOf(GuestExtra.class);
        if (r.withSpice()) {
            extras.add(GuestExtra.SPICE_GRAPHICS);
        }
        if (r.withVirtioInput()) {
            extras.add(GuestExtra.VIRTIO_INPUT);
        }
        if (r.withClipboard()) {
            extras.add(GuestExtra.SPICE_CLIPBOARD);
        }
        if (r.noMemballoon()) {
            extras.add(GuestExtra.MEMBALLOON_NONE);
        }
        if (r.withVga()) {
            extras.add(GuestExtra.VGA_VIDEO);
        }
        return extras;
    }

    public interface SettingsWork<T> {
        T run() throws InvalidSettingsException;
    }

    public static <T> T settings(SettingsWork<T> work) throws VmCommandException {
        try {
            return work.run();
        } catch (InvalidSettingsException e) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, e.getMessage());
        }
    }
}
