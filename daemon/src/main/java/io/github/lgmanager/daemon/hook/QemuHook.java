// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.hook;

import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmNames;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.DomainXmlReader;
import io.github.lgmanager.core.xml.SharedMemoryDevice;
import io.github.lgmanager.daemon.shm.GuardedDisplayAccess;
import io.github.lgmanager.daemon.vm.DisplayAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.LogManager;

/**
 * libvirt's qemu hook ({@code /etc/libvirt/hooks/qemu.d/lg-manager}), at the {@code prepare begin} stage of a
 * VM start: libvirt runs it synchronously before QEMU, with the domain XML on standard input. For a Looking Glass
 * VM it makes the shared-memory file exactly as lg-daemon keeps it for a stopped VM, freshly, so the file QEMU
 * opens was never open to anyone else — even when lg-daemon is not running or has not handled the VM's last
 * stop yet. It never calls libvirt or D-Bus (libvirt is waiting for it), and it blocks only the start of a
 * Looking Glass VM whose file cannot be made safe: a non-zero exit makes libvirt refuse the start and show what
 * this printed on standard error.
 */
public final class QemuHook {
    private static final int MAX_XML_BYTES = 16 << 20;

    private QemuHook() {
    }

    /** What the hook decided: exit status and the line for libvirt's error (empty when it lets the VM start). */
    record Verdict(int status, String message) {
        static final Verdict START = new Verdict(0, "");

        static Verdict block(String vm, String why) {
            return new Verdict(1, "lg-manager: VM '" + vm + "' was not started: " + why);
        }
    }

    public static void main(String[] args) {
        // libvirt puts all of our stderr into its error message: only the verdict belongs there, never a log line
        // from code shared with lg-daemon (java.util.logging would print INFO there by default)
        LogManager.getLogManager().reset();
        Verdict verdict;
        try {
            verdict = run(args, System.in, GuardedDisplayAccess.onThisMachine(), RunningDomains.onThisMachine());
        } catch (RuntimeException | Error e) {
            // a bug of ours must not stop VMs that have nothing to do with Looking Glass
            System.err.println("lg-manager hook: " + e + " (the VM starts without it)");
            verdict = Verdict.START;
        }
        finish(verdict, System.err);
    }

    static void finish(Verdict verdict, PrintStream err) {
        if (!verdict.message().isEmpty()) {
            err.println(verdict.message());
        }
        err.flush();
        System.exit(verdict.status());
    }

    static Verdict run(String[] args, InputStream stdin, DisplayAccess access, RunningDomains running) {
        if (args.length < 3 || !args[1].equals("prepare") || !args[2].equals("begin")) {
            return Verdict.START;
        }
        String vm = args[0];
        DomainXmlReader.Definition definition;
        try {
            definition = DomainXmlReader.definition(read(stdin));
        } catch (IOException | DomainXmlException e) {
            return Verdict.START; // not a definition we can read, so not one we manage
        }
        Optional<LookingGlassSettings> settings = definition.settings();
        if (settings.isEmpty()) {
            return Verdict.START;
        }
        try {
            // SPICE stays on our socket after Disable: QEMU cannot start unless its folder exists
            if (definition.spiceSocket().isPresent()) {
                access.prepareSpice(definition.spiceSocket().get(), definition.staticDacLabel(), settings.get().users());
            }
        } catch (DisplayAccess.AccessRefusedException e) {
            return Verdict.block(vm, e.getMessage());
        }
        if (!settings.get().enabled() || definition.device().isEmpty()) {
            return Verdict.START;
        }
        SharedMemoryDevice device = definition.device().get();
        Optional<String> user = running.otherUserOf(vm, device);
        if (user.isPresent()) {
            return Verdict.block(vm, device.path() + " is in use by the running VM '" + user.get() + "', and each VM's"
                    + " users could see the other's screen; give this VM its own file: lg-admin enable " + vm
                    + " --shm-name " + ShmNames.defaultFor(vm));
        }
        try {
            access.prepareStopped(device, definition.staticDacLabel(), settings.get().users(), true);
            return Verdict.START;
        } catch (DisplayAccess.AccessRefusedException e) {
            return Verdict.block(vm, e.getMessage());
        }
    }

    private static String read(InputStream stdin) throws IOException {
        byte[] xml = stdin.readNBytes(MAX_XML_BYTES + 1);
        if (xml.length > MAX_XML_BYTES) {
            throw new IOException("domain XML over " + MAX_XML_BYTES + " bytes");
        }
        return new String(xml, StandardCharsets.UTF_8);
    }
}
