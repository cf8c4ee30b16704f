package io.github.lgmanager.admin.doctor;

import static io.github.lgmanager.admin.doctor.VmChecks.id;

import io.github.lgmanager.daemon.vm.VmView;
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
}
