// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.backend;

import io.github.lgmanager.admin.AdminException;
import io.github.lgmanager.admin.output.Progress;
import io.github.lgmanager.core.vm.EnableRequest;
import io.github.lgmanager.core.vm.Preview;
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmView;
import java.io.PrintWriter;
import java.util.List;

/**
 * A backend that says what it is waiting for when a call takes over a second ({@link Progress}): every change goes
 * through a libvirt define, and reaching lg-daemon may start it first. The commands need not know.
 */
public final class ProgressBackend implements VmBackend {
    private final VmBackend backend;
    private final PrintWriter err;
    private final boolean live;
    private final String who;

    public ProgressBackend(VmBackend backend, PrintWriter err, boolean live, boolean direct) {
        this.backend = backend;
        this.err = err;
        this.live = live;
        this.who = direct ? "libvirt" : "lg-daemon";
    }

    private interface Call<T> {
        T run() throws AdminException;
    }

    private <T> T waiting(String forWhat, Call<T> call) throws AdminException {
        try (Progress ignored = Progress.start(err, live, who + " " + forWhat)) {
            return call.run();
        }
    }

    /**
     * A change: when polkit may ask for a password on this terminal, a ticking line would write over the prompt, so
     * the line is said once, before the prompt can appear, and nothing ticks.
     */
    private <T> T changing(String forWhat, Call<T> call) throws AdminException {
        if (!backend.preparePasswordPrompt()) {
            return waiting(forWhat, call);
        }
        err.println("lg-admin: asking " + who + " " + forWhat
                + "; polkit may ask for a password first ...");
        err.flush();
        return call.run();
    }

    @Override
    public boolean preparePasswordPrompt() throws AdminException {
        return backend.preparePasswordPrompt();
    }

    @Override
    public List<VmView> list() throws AdminException {
        return waiting("to list the VMs", backend::list);
    }

    @Override
    public VmView find(String name) throws AdminException {
        return waiting("to look up VM '" + name + "'", () -> backend.find(name));
    }

    @Override
    public List<String> enable(VmView vm, EnableRequest request) throws AdminException {
        return changing("to enable Looking Glass on '" + vm.name() + "' (libvirt redefines the VM)",
                () -> backend.enable(vm, request));
    }

    @Override
    public Preview previewEnable(VmView vm, EnableRequest request) throws AdminException {
        return changing("to preview the change to '" + vm.name() + "'", () -> backend.previewEnable(vm, request));
    }

    @Override
    public List<String> configure(VmView vm, SettingsChange change) throws AdminException {
        return changing("to apply the change to '" + vm.name() + "' (libvirt redefines the VM)",
                () -> backend.configure(vm, change));
    }

    @Override
    public List<String> disable(VmView vm, boolean forget) throws AdminException {
        return changing("to disable Looking Glass on '" + vm.name() + "' (libvirt redefines the VM)",
                () -> backend.disable(vm, forget));
    }

    @Override
    public Preview previewDisable(VmView vm, boolean forget) throws AdminException {
        return changing("to preview the change to '" + vm.name() + "'", () -> backend.previewDisable(vm, forget));
    }

    @Override
    public String xml(VmView vm) throws AdminException {
        return waiting("for the definition of '" + vm.name() + "'", () -> backend.xml(vm));
    }

    @Override
    public String libvirtProblem() {
        return backend.libvirtProblem();
    }

    @Override
    public String description() {
        return backend.description();
    }

    @Override
    public void close() {
        backend.close();
    }
}
