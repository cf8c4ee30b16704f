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
import io.github.lgmanager.core.vm.SettingsChange;
import io.github.lgmanager.core.vm.VmCommandException;
import io.github.lgmanager.daemon.vm.VmCommands;
import io.github.lgmanager.core.vm.VmView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public List<String> Enable(Map<String, Variant<?>> options) {
        Caller caller = authorize(Action.CONFIGURE);
        var request = EnableOptionsCodec.decodeEnable(options);
        return call(() -> commands.enable(uuid, request, caller.uid()));
    }

    @Override
    public ChangePreview PreviewEnable(Map<String, Variant<?>> options) {
        Caller caller = authorize(Action.CONFIGURE);
        var request = EnableOptionsCodec.decodeEnable(options);
        return ChangePreview.of(call(() -> commands.previewEnable(uuid, request, caller.uid())));
    }

    @Override
    public ChangePreview PreviewDisable(Map<String, Variant<?>> options) {
        authorize(Action.CONFIGURE);
        boolean forget = EnableOptionsCodec.decodeForget(options);
        return ChangePreview.of(call(() -> commands.previewDisable(uuid, forget)));
    }

    @Override
    public String GetXml() {
        return call(() -> commands.xml(uuid));
    }

    /** A change that is only the caller's own auto-open choice asks nobody: the rule refuses a caller not listed. */
    @Override
    public List<String> Configure(Map<String, Variant<?>> changes) {
        SettingsChange change = EnableOptionsCodec.decodeConfigure(changes);
        Caller caller = change.onlyOwnAutoOpen() ? callers.current() : authorize(Action.CONFIGURE);
        return call(() -> commands.configure(uuid, change, caller.uid()));
    }

    @Override
    public List<String> Disable(Map<String, Variant<?>> options) {
        authorize(Action.CONFIGURE);
        boolean forget = EnableOptionsCodec.decodeForget(options);
        return call(() -> commands.disable(uuid, forget));
    }

    @Override
    public void SetUsers(List<String> users) {
        Configure(EnableOptionsCodec.encode(SettingsChange.NONE.withUsers(Optional.of(users))));
    }

    @Override
    public void SetAutoOpen(boolean autoOpen) {
        Configure(EnableOptionsCodec.encode(SettingsChange.NONE.withAutoOpen(Optional.of(autoOpen), Optional.empty())));
    }

    @Override
    public void SetClientOptions(List<String> options) {
        Configure(EnableOptionsCodec.encode(SettingsChange.NONE.withClientOptions(Optional.of(options))));
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

    /** A user listed on the VM may open the display without being asked. */
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
