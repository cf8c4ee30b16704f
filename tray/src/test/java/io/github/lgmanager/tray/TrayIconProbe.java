// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;

/**
 * A child program for the tray tests: shows one SWT tray icon, prints "shown", and runs until its standard
 * input closes. It runs in its own JVM because GTK reads DISPLAY once, when SWT's Display is created.
 */
public final class TrayIconProbe {
    private TrayIconProbe() {
    }

    public static void main(String[] args) {
        Display display = new Display();
        Tray tray = display.getSystemTray();
        if (tray == null) {
            System.out.println("no tray");
            return;
        }
        Image image = new Image(display, 22, 22);
        GC gc = new GC(image);
        gc.setBackground(display.getSystemColor(SWT.COLOR_DARK_CYAN));
        gc.fillRectangle(0, 0, 22, 22);
        gc.dispose();
        TrayItem item = new TrayItem(tray, SWT.NONE);
        item.setImage(image);
        item.setToolTipText("lg-tray probe");
        System.out.println("shown");
        System.out.flush();
        Thread stdinWatcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for EOF: the parent test closes our stdin to end us
                }
            } catch (java.io.IOException ignored) {
                // treat as EOF
            }
            display.asyncExec(display::dispose);
            display.wake();
        });
        stdinWatcher.setDaemon(true);
        stdinWatcher.start();
        while (!display.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }
}
