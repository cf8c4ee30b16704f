// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.daemon.bus;

import io.github.lgmanager.api.BusNames;
import io.github.lgmanager.api.ChangePreview;
import io.github.lgmanager.api.DisplayInfo;
import io.github.lgmanager.api.EnableOptionsCodec;
import io.github.lgmanager.api.Vm;
import io.github.lgmanager.api.VmPropertiesCodec;
import io.github.lgmanager.api.auth.Action;
import io.github.lgmanager.api.auth.Authorizer;
import io.github.lgmanager.api.auth.Caller;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** One VM on the bus. Each method: identify the caller, authorize, delegate, convert. */
final class VmObject extends ReadOnlyProperties implements Vm {
    private final String uuid;
    private final VmCommands commands;
    private final Authorizer authorizer;
    private final CallerResolver callers;
    private volatile Snapshot snapshot;

    /** The view and its encoding, replaced together. */
    private record Snapshot(VmView view, Map<String, Variant<?>> properties) {
        Snapshot(VmView view) {
            this(view, VmPropertiesCodec.encode(view));
        }
    }

    VmObject(VmView view, VmCommands commands, Authorizer authorizer, CallerResolver callers) {
        this.uuid = view.uuid();
        this.commands = commands;
        this.authorizer = authorizer;
        this.callers = callers;
        this.snapshot = new Snapshot(view);
    }

    /** Replaces the snapshot and returns the properties that changed. */
    Map<String, Variant<?>> update(VmView view) {
        Map<String, Variant<?>> changed = VmPropertiesCodec.changed(snapshot.view(), view);
        snapshot = new Snapshot(view);
        return changed;
    }

    @Override
    public String getObjectPath() {
        return BusNames.vmPath(uuid);
    }

    @Override
    protected String interfaceName() {
        return BusNames.VM_INTERFACE;
    }

    @Override
    protected Map<String, Variant<?>> properties() {
        return snapshot.properties();
    }

    @Override
    public List<String> Enable(UInt32 width, UInt32 height, boolean hdr, Map<String, Variant<?>> options) {
        authorize(Action.CONFIGURE);
        var request = EnableOptionsCodec.decode(width, height, hdr, options);
        return call(() -> commands.enable(uuid, request));
    }

    @Override
    public ChangePreview PreviewEnable(UInt32 width, UInt32 height, boolean hdr, Map<String, Variant<?>> options) {
        authorize(Action.CONFIGURE);
        var request = EnableOptionsCodec.decode(width, height, hdr, options);
        return ChangePreview.of(call(() -> commands.previewEnable(uuid, request)));
    }

    @Override
    public ChangePreview PreviewDisable() {
        authorize(Action.CONFIGURE);
        return ChangePreview.of(call(() -> commands.previewDisable(uuid)));
    }

    @Override
    public String GetXml() {
        return call(() -> commands.xml(uuid));
    }

    @Override
    public List<String> Resize(UInt32 width, UInt32 height, boolean hdr) {
        authorize(Action.CONFIGURE);
        return call(() -> commands.resize(uuid, (int) Math.min(width.longValue(), Integer.MAX_VALUE),
                (int) Math.min(height.longValue(), Integer.MAX_VALUE), hdr));
    }

    @Override
    public List<String> Disable() {
        authorize(Action.CONFIGURE);
        return call(() -> commands.disable(uuid));
    }

    @Override
    public void SetUsers(List<String> users) {
        authorize(Action.CONFIGURE);
        call(() -> {
            commands.setUsers(uuid, users);
            return null;
        });
    }

    @Override
    public void SetAutoOpen(boolean autoOpen) {
        authorizeUnlessListedUser();
        call(() -> {
            commands.setAutoOpen(uuid, autoOpen);
            return null;
        });
    }

    @Override
    public void SetClientOptions(List<String> options) {
        authorize(Action.CONFIGURE);
        call(() -> {
            commands.setClientOptions(uuid, options);
            return null;
        });
    }

    @Override
    public void Start() {
        authorize(Action.CONTROL);
        call(() -> {
            commands.start(uuid);
            return null;
        });
    }

    @Override
    public void Shutdown() {
        authorize(Action.CONTROL);
        call(() -> {
            commands.shutdown(uuid);
            return null;
        });
    }

    @Override
    public Map<String, Variant<?>> RequestOpen() {
        authorizeUnlessListedUser();
        VmView view = call(() -> commands.requestOpen(uuid));
        return new DisplayInfo(view.shmPath(), view.spiceHost(), view.spicePort()).toReply();
    }

    private Caller authorize(Action action) {
        Caller caller = callers.current();
        try {
            authorizer.check(caller, action);
        } catch (Authorizer.NotAuthorizedException e) {
            throw BusErrors.of(e);
        }
        return caller;
    }

    /** A user listed on the VM may set their own auto-open and open the display without being asked. */
    private void authorizeUnlessListedUser() {
        Caller caller = callers.current();
        if (caller.isRoot() || commands.isListedUser(uuid, caller.uid())) {
            return;
        }
        authorize(Action.CONFIGURE);
    }

    private interface Command<T> {
        T run() throws VmCommandException;
    }

    private static <T> T call(Command<T> command) {
        try {
            return command.run();
        } catch (VmCommandException e) {
            throw BusErrors.of(e);
        }
    }
}
