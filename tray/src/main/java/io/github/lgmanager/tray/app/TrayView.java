// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.app;

/** A front end (SWT's XEmbed tray, the SNI item, or none): shows the model; calls back into {@link TrayActions}. */
public interface TrayView {
    /** Called on the controller's thread; implementations move to their own (SWT: Display.asyncExec). */
    void show(TrayModel model);
}
