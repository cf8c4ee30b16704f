// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.sni;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * GetLayout's two results, (u(ia{sv}av)): the layout's revision and the layout. dbus-java reads a method's several
 * out values from a Tuple's type arguments, so this class must stay generic (a plain Tuple subclass is refused as
 * "non-exportable").
 */
public final class LayoutReply<R, L> extends Tuple {
    @Position(0)
    private final R revision;
    @Position(1)
    private final L layout;

    public LayoutReply(R revision, L layout) {
        this.revision = revision;
        this.layout = layout;
    }

    public R getRevision() {
        return revision;
    }

    public L getLayout() {
        return layout;
    }
}
