// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.settings;

import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything we remember about one VM's Looking Glass setup.
 *
 * @param enabled       whether the VM is meant to have the shared-memory device
 * @param resolution    the largest guest resolution the shared memory must hold
 * @param hdr           whether the guest sends HDR frames (doubles the size with {@link ShmFormula#B7})
 * @param formula       how the size is computed
 * @param shmName       the {@code <shmem>} name, i.e. {@code /dev/shm/NAME} (shm mode)
 * @param mode          shm file or kvmfr device
 * @param users         desktop users allowed to see the display (the daemon grants them access)
 * @param autoOpenUsers the listed users who chose to have the tray open the viewer when the VM starts (each
 *                      user's own choice; a user no longer listed loses theirs)
 * @param clientOptions extra looking-glass-client options, in order
 */
public record LookingGlassSettings(boolean enabled, Resolution resolution, boolean hdr, ShmFormula formula,
        String shmName, ShmMode mode, List<String> users, List<String> autoOpenUsers, List<ClientOption> clientOptions) {

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    private static final String USER_RULE = "a login name: 1 to 32 characters from A-Z a-z 0-9 _ . -,"
            + " not starting with a digit, dot or dash";

    public static final Resolution DEFAULT_RESOLUTION = new Resolution(1920, 1080);

    public LookingGlassSettings {
        if (resolution == null || formula == null || mode == null || users == null || autoOpenUsers == null
                || clientOptions == null) {
            throw new IllegalArgumentException("incomplete settings");
        }
        ShmNames.problemWithName(shmName).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        for (String u : users) {
            String p = problemWithUser(u);
            if (p != null) {
                throw new IllegalArgumentException(p);
            }
        }
        users = List.copyOf(users);
        // in the users' order, and only theirs: removing a user drops their choice
        List<String> chose = List.copyOf(autoOpenUsers);
        autoOpenUsers = users.stream().filter(chose::contains).toList();
        clientOptions = List.copyOf(clientOptions);
    }

    /**
     * Settings with no VM in mind: 1080p SDR, B7 sizing, /dev/shm/looking-glass. For a real VM use
     * {@link #defaultsFor(String)}: this name would be shared by every VM that got it.
     */
    public static LookingGlassSettings defaults() {
        return new LookingGlassSettings(false, DEFAULT_RESOLUTION, false, ShmFormula.B7, ShmNames.DEFAULT_NAME,
                ShmMode.shm(), List.of(), List.of(), List.of());
    }

    /** What a VM gets when nobody chose anything: as {@link #defaults()}, with a shm file of its own. */
    public static LookingGlassSettings defaultsFor(String vmName) {
        return new LookingGlassSettings(false, DEFAULT_RESOLUTION, false, ShmFormula.B7, ShmNames.defaultFor(vmName),
                ShmMode.shm(), List.of(), List.of(), List.of());
    }

    /** The shared-memory size to configure, in MiB. */
    public long sizeMiB() {
        return formula.sizeMiB(resolution, hdr);
    }

    public long sizeBytes() {
        return formula.sizeBytes(resolution, hdr);
    }

    /** The file the client opens: {@code /dev/shm/NAME} or the kvmfr device. */
    public String shmPath() {
        return mode.isKvmfr() ? mode.devicePath() : "/dev/shm/" + shmName;
    }

    public static String checkUser(String user) throws InvalidSettingsException {
        String p = problemWithUser(user);
        if (p != null) {
            throw new InvalidSettingsException(p);
        }
        return user;
    }

    private static String problemWithUser(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            return "invalid user name '" + ShmNames.printable(user) + "' (use " + USER_RULE + ")";
        }
        return null;
    }

    public LookingGlassSettings withEnabled(boolean value) {
        return new LookingGlassSettings(value, resolution, hdr, formula, shmName, mode, users, autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withResolution(Resolution value) {
        return new LookingGlassSettings(enabled, value, hdr, formula, shmName, mode, users, autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withHdr(boolean value) {
        return new LookingGlassSettings(enabled, resolution, value, formula, shmName, mode, users, autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withFormula(ShmFormula value) {
        return new LookingGlassSettings(enabled, resolution, hdr, value, shmName, mode, users, autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withShmName(String value) throws InvalidSettingsException {
        return new LookingGlassSettings(enabled, resolution, hdr, formula, ShmNames.checkName(value), mode, users,
                autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withMode(ShmMode value) {
        return new LookingGlassSettings(enabled, resolution, hdr, formula, shmName, value, users, autoOpenUsers, clientOptions);
    }

    public LookingGlassSettings withUsers(List<String> value) throws InvalidSettingsException {
        for (String u : value) {
            checkUser(u);
        }
        return new LookingGlassSettings(enabled, resolution, hdr, formula, shmName, mode, value, autoOpenUsers, clientOptions);
    }

    /** Every listed user's choice at once: all of them open the viewer at start, or none. */
    public LookingGlassSettings withAutoOpenForAll(boolean value) {
        return withAutoOpenUsers(value ? users : List.of());
    }

    public LookingGlassSettings withAutoOpenUsers(List<String> value) {
        return new LookingGlassSettings(enabled, resolution, hdr, formula, shmName, mode, users, value, clientOptions);
    }

    /** One listed user's own choice; the others' stay. A user not listed has no choice to make (see the rule). */
    public LookingGlassSettings withAutoOpen(String user, boolean value) {
        List<String> chose = new ArrayList<>(autoOpenUsers);
        chose.remove(user);
        if (value) {
            chose.add(user);
        }
        return withAutoOpenUsers(chose);
    }

    public boolean autoOpens(String user) {
        return autoOpenUsers.contains(user);
    }

    public LookingGlassSettings withClientOptions(List<ClientOption> value) {
        return new LookingGlassSettings(enabled, resolution, hdr, formula, shmName, mode, users, autoOpenUsers, value);
    }
}
