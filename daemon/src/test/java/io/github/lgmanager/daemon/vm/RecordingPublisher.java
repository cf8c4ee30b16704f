// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.vm;

import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the bus service would send, as lines in the shared timeline, and the last view of each VM. */
final class RecordingPublisher implements VmPublisher {
    private final List<String> timeline;
    /** The last view published per UUID; a removed VM keeps its last view here. */
    final Map<String, VmView> views = new ConcurrentHashMap<>();

    RecordingPublisher(List<String> timeline) {
        this.timeline = timeline;
    }

    private void note(String line, VmView vm) {
        views.put(vm.uuid(), vm);
        timeline.add(line);
    }

    @Override
    public void vmAdded(VmView vm) {
        note("added " + vm.name(), vm);
    }

    @Override
    public void vmRemoved(VmView vm) {
        note("removed " + vm.name(), vm);
    }

    @Override
    public void vmChanged(VmView vm) {
        note("changed " + vm.name(), vm);
    }

    @Override
    public void displayReady(VmView vm) {
        note("ready " + vm.name(), vm);
    }

    @Override
    public void displayClosed(VmView vm) {
        note("closed " + vm.name(), vm);
    }

    @Override
    public void displayFailed(VmView vm, String reason) {
        note("failed " + vm.name() + ": " + reason, vm);
    }

    @Override
    public void libvirtConnected(boolean connected) {
        timeline.add("libvirt connected " + connected);
    }
}
