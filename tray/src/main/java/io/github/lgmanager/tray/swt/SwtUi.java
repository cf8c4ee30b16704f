// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.swt;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.app.TrayView;
import org.eclipse.swt.widgets.Display;

/**
 * The SWT side: one Display on the thread that created it (SWT allows no other), its event loop, and the windows
 * drawn on it — the XEmbed tray icon and the Settings dialog. Other threads reach it only through asyncExec.
 */
public final class SwtUi {
    private final Display display;
    private final String user;

    public SwtUi(String user) {
        Display.setAppName("lg-tray");
        this.display = new Display();
        this.user = user;
    }

    public String user() {
        return user;
    }

    public Display display() {
        return display;
    }

    public TrayView xembedTray(TrayActions actions) {
        return new SwtTrayIcon(display, actions, this);
    }

    /** Opens the Settings dialog for a VM (from any thread). */
    public void openSettings(TrayActions actions, VmView vm) {
        asyncExec(() -> new SettingsDialog(display, actions, vm, user).open());
    }

    public void asyncExec(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!display.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    /** Runs the event loop until Quit; must be called on the thread that made this object. */
    public void run(TrayActions actions) {
        while (!display.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    public void quit() {
        asyncExec(display::dispose);
        try {
            display.wake();
        } catch (org.eclipse.swt.SWTException alreadyGone) {
            // disposed meanwhile: the loop has ended, which is what we wanted
        }
    }
}
