// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.swt;

import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.core.ViewerCommand;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * A VM's Looking Glass settings: resolution (with the shared-memory size it needs, asked from the daemon while the
 * user types, so the formula lives in one place), HDR, client options and users. Saving goes through the daemon,
 * which checks and may ask polkit; its refusal arrives as a notification.
 */
final class SettingsDialog {
    private final Display display;
    private final TrayActions actions;
    private final VmView vm;
    private final String user;
    /** Only the newest size request may write the label: answers can arrive out of order. */
    private final AtomicInteger generation = new AtomicInteger();

    SettingsDialog(Display display, TrayActions actions, VmView vm, String user) {
        this.display = display;
        this.actions = actions;
        this.vm = vm;
        this.user = user;
    }

    void open() {
        Shell shell = new Shell(display, SWT.DIALOG_TRIM | SWT.RESIZE);
        shell.setText("Looking Glass settings — " + vm.name());
        shell.setLayout(new GridLayout(2, false));

        new Label(shell, SWT.NONE).setText("Width");
        Spinner width = spinner(shell, vm.width() == 0 ? 1920 : vm.width());
        new Label(shell, SWT.NONE).setText("Height");
        Spinner height = spinner(shell, vm.height() == 0 ? 1080 : vm.height());
        new Label(shell, SWT.NONE).setText("HDR");
        Button hdr = new Button(shell, SWT.CHECK);
        hdr.setSelection(vm.hdr());
        new Label(shell, SWT.NONE).setText("Shared memory");
        Label size = new Label(shell, SWT.NONE);
        size.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        new Label(shell, SWT.NONE).setText("Client options");
        Text options = text(shell, String.join(" ", vm.clientOptions()));
        options.setMessage("e.g. egl:scale=2 win:fullScreen=yes");
        new Label(shell, SWT.NONE).setText("Users");
        Text users = text(shell, String.join(" ", vm.users().isEmpty() ? List.of(user) : vm.users()));
        users.setMessage("user names, separated by spaces");

        Runnable recompute = () -> showSize(size, width.getSelection(), height.getSelection(), hdr.getSelection());
        width.addListener(SWT.Modify, e -> recompute.run());
        height.addListener(SWT.Modify, e -> recompute.run());
        hdr.addListener(SWT.Selection, e -> recompute.run());
        recompute.run();

        Button save = new Button(shell, SWT.PUSH);
        save.setText("Save");
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText("Cancel");
        save.addListener(SWT.Selection, e -> {
            actions.applySettings(vm.uuid(), width.getSelection(), height.getSelection(), hdr.getSelection(),
                    ViewerCommand.split(options.getText()), Arrays.asList(users.getText().strip().split("[\\s,]+")));
            shell.dispose();
        });
        cancel.addListener(SWT.Selection, e -> shell.dispose());
        shell.setDefaultButton(save);
        shell.pack();
        shell.open();
    }

    private void showSize(Label label, int width, int height, boolean hdr) {
        int mine = generation.incrementAndGet();
        label.setText("computing…");
        Thread t = new Thread(() -> {
            int mib = actions.computeShmSize(width, height, hdr, vm.enabled() ? "" : "b7");
            display.asyncExec(() -> {
                if (!label.isDisposed() && generation.get() == mine) {
                    label.setText(mib < 0 ? "unknown (lg-daemon not reachable)" : width + "×" + height + (hdr ? " HDR" : "") + ": " + mib + " MiB");
                    label.getParent().layout();
                }
            });
        }, "lg-tray-size");
        t.setDaemon(true);
        t.start();
    }

    private static Spinner spinner(Shell shell, int value) {
        Spinner s = new Spinner(shell, SWT.BORDER);
        s.setValues(value, 1, 16384, 0, 1, 100);
        return s;
    }

    private static Text text(Shell shell, String value) {
        Text t = new Text(shell, SWT.BORDER | SWT.SINGLE);
        t.setText(value);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 280;
        t.setLayoutData(data);
        return t;
    }
}
