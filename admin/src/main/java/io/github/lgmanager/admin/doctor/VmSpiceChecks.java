// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.doctor;

import io.github.lgmanager.core.libvirt.QemuConf;
import static io.github.lgmanager.admin.doctor.VmChecks.id;

import io.github.lgmanager.core.vm.VmView;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks about the VM's SPICE graphics, the client's way to send keyboard, mouse and clipboard. Pure functions. */
public final class VmSpiceChecks {
    private static final Pattern SPICE = Pattern.compile("<graphics\\b[^>]*\\btype=['\"]spice['\"]");

    private VmSpiceChecks() {
    }

    public static Check spice(VmFacts v) {
        VmView vm = v.view();
        if (!SPICE.matcher(v.xml()).find()) {
            return Check.warn(id(vm, "spice"), "no SPICE graphics: the client shows the display but cannot send"
                    + " keyboard, mouse or clipboard", "lg-admin enable " + vm.name() + " --with-spice");
        }
        Optional<String> port = clientOption(vm, "spice:port");
        Optional<String> host = clientOption(vm, "spice:host");
        if (vm.running() && !vm.spiceHost().isEmpty()) {
            String actualPort = Integer.toString(vm.spicePort());
            if (port.isPresent() && !port.get().equals(actualPort) || host.isPresent() && !host.get().equals(vm.spiceHost())) {
                return Check.fail(id(vm, "spice"), "client options point at SPICE " + host.orElse(vm.spiceHost()) + ":"
                        + port.orElse(actualPort) + " but the VM listens on " + vm.spiceHost() + ":" + actualPort,
                        "lg-admin set " + vm.name() + " --client-option ... without spice:host/spice:port (lg-tray"
                                + " passes the VM's own)");
            }
        }
        return Check.pass(id(vm, "spice"), vm.running() && !vm.spiceHost().isEmpty()
                ? "SPICE on " + vm.spiceHost() + (vm.spicePort() == 0 ? "" : ":" + vm.spicePort()) : "SPICE graphics present");
    }

    private static Optional<String> clientOption(VmView vm, String key) {
        return vm.clientOptions().stream().filter(o -> o.startsWith(key + "=")).map(o -> o.substring(key.length() + 1))
                .findFirst();
    }

    /**
     * SPICE carries the keyboard and mouse: whoever connects types into the guest. On TCP, even 127.0.0.1, every
     * local user can connect unless SPICE asks for a password (the VM's passwd, qemu.conf's spice_password, or
     * SASL); a UNIX socket is reachable only as its permissions allow.
     */
    public static Check access(HostFacts h, VmFacts v) {
        VmView vm = v.view();
        Check.Subject id = id(vm, "spice access");
        if (v.spice().isEmpty()) {
            return Check.pass(id, "no SPICE graphics, so no SPICE listener");
        }
        SpiceGraphics g = v.spice().get();
        Optional<QemuConf> conf = h.qemuConf().flatMap(VmSpiceChecks::parsed);
        Optional<String> asks = g.password().orElse(false) ? Optional.of("the VM's password")
                : conf.flatMap(c -> c.string("spice_password")).filter(p -> !p.isEmpty()).map(p -> "qemu.conf's spice_password")
                .or(() -> conf.filter(c -> c.number("spice_sasl").orElse(0) == 1).map(c -> "SASL (qemu.conf's spice_sasl = 1)"));
        if (asks.isPresent()) {
            // B7 cannot authenticate: it logs "Server reported link error: 7" and exits, so the viewer never opens
            return Check.fail(id, "SPICE asks for " + asks.get() + ", which looking-glass-client B7 cannot give: the"
                    + " viewer exits at once (\"Server reported link error: 7\")",
                    "remove it (the passwd of <graphics type='spice'>: virsh edit " + vm.name() + "; or qemu.conf's"
                            + " setting), then lg-admin enable " + vm.name() + " --with-spice: SPICE on a socket only the"
                            + " VM's users can reach needs no password");
        }
        if (vm.running() && vm.spicePort() == 0 && !vm.spiceHost().isEmpty() || g.listen().equals("socket")) {
            return Check.pass(id, "SPICE listens on a UNIX socket only" + (vm.running() && vm.spicePort() == 0
                    && !vm.spiceHost().isEmpty() ? " (" + vm.spiceHost() + ")" : ""));
        }
        if (g.listen().equals("none")) {
            return Check.pass(id, "SPICE has no listener");
        }
        boolean confDecides = !g.listen().equals("network") && g.address().isEmpty();
        if (confDecides && conf.isPresent() && conf.get().number("spice_auto_unix_socket").orElse(0) == 1) {
            return Check.pass(id, "SPICE listens on a UNIX socket only (qemu.conf's spice_auto_unix_socket = 1)");
        }
        String address = g.listen().equals("network") ? "the address of network " + g.address()
                : !g.address().isEmpty() ? g.address()
                : conf.flatMap(c -> c.string("spice_listen")).orElse("127.0.0.1");
        int port = vm.running() && vm.spicePort() > 0 ? vm.spicePort() : g.port();
        String where = (address.contains(":") ? "[" + address + "]" : address) + (port > 0 ? ":" + port : "");
        String fix = "lg-admin enable " + vm.name() + " --with-spice";
        if (g.password().isEmpty() || conf.isEmpty()) {
            return Check.warn(id, "SPICE listens on TCP " + where + (port > 0 ? "" : " (port chosen at start)")
                    + "; whether it asks for a password is unknown (libvirt shows passwords, and qemu.conf, only to root)",
                    "sudo lg-admin doctor " + vm.name() + "; without a password: " + fix);
        }
        String who = loopback(address) ? "any local user" : "anyone who can reach this machine";
        return Check.warn(id, who + " can connect to SPICE on " + where + (port > 0 ? "" : " (port chosen at start)")
                + " and type into the guest", fix);
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
    }

    private static Optional<QemuConf> parsed(String text) {
        try {
            return Optional.of(QemuConf.parse(text));
        } catch (QemuConf.SyntaxException e) {
            return Optional.empty();
        }
    }
}
