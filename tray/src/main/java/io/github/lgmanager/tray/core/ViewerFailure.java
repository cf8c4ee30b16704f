// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.core;

import java.util.List;
import java.util.Optional;

/**
 * Why looking-glass-client ended, read from the last lines it logged, and what the user can do. Some failures
 * are certain to repeat — starting it again only flashes a window and repeats the error — so they are not
 * retried: a SPICE server that wants a password (B7 has no way to send one), a file the user may not open,
 * running as root. Lines are the real B7 client's (looking-glass-facts.md §7 and §9).
 *
 * @param lastError the client's own line that says it best, shown to the user as it is
 * @param fix       what to do about it
 * @param retry     whether starting again may help (the host application may be about to start, say)
 */
public record ViewerFailure(String lastError, String fix, boolean retry) {

    private record Known(String marker, String fix, boolean retry) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known("Server reported link error", "the VM's SPICE server asks for a password, which"
                    + " looking-glass-client B7 cannot send: remove the password (virsh edit {vm}, the passwd of"
                    + " <graphics type='spice'>) or let lg-admin enable {vm} --with-spice put SPICE on a socket only"
                    + " the VM's users can reach", false),
            new Known("Permission denied", "you may not open the VM's shared memory: lg-daemon grants it to the"
                    + " VM's users when the VM starts; check with: lg-admin doctor {vm}", false),
            new Known("Do not run looking glass as root", "run lg-tray as your desktop user, not as root", false),
            new Known("Invalid value provided to the option", "the shared-memory file does not exist: is the VM"
                    + " running with Looking Glass? (lg-admin doctor {vm})", false),
            new Known("IVSHMEM too small", "the shared memory is too small for the guest's resolution: lg-admin"
                    + " resize {vm} --resolution WxH, then restart the VM", false),
            new Known("Expected KVMFR version", "the client and the guest's host application are different"
                    + " versions: install the same Looking Glass release on both", false),
            new Known("not compatible with this client", "the client and the guest's host application are"
                    + " different versions: install the same Looking Glass release on both", false),
            new Known("Failed to connect to spice server", "nothing answers at the VM's SPICE address: is SPICE"
                    + " enabled in the VM? (lg-admin doctor {vm})", true));

    /** The failure the last lines show, or empty when they name nothing we know (then: its exit status). */
    public static Optional<ViewerFailure> of(List<String> lastLines, String vmName) {
        for (Known known : KNOWN) {
            for (int i = lastLines.size() - 1; i >= 0; i--) {
                if (lastLines.get(i).contains(known.marker())) {
                    return Optional.of(new ViewerFailure(clean(lastLines.get(i)), known.fix().replace("{vm}", vmName),
                            known.retry()));
                }
            }
        }
        return Optional.empty();
    }

    /** B7 prefixes lines with a timestamp, a level and its source file; the words after them are what matter. */
    private static String clean(String line) {
        int bar = line.lastIndexOf(" | ");
        String text = bar >= 0 ? line.substring(bar + 3) : line;
        return text.strip().length() > 200 ? text.strip().substring(0, 200) + "…" : text.strip();
    }
}
