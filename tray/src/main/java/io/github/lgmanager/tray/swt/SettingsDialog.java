// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.swt;

import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.vm.VmView;
import io.github.lgmanager.tray.app.TrayActions;
import io.github.lgmanager.tray.core.DesktopUsers;
import io.github.lgmanager.tray.core.ViewerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * A VM's Looking Glass settings: resolution (a preset or any size, with the shared-memory size it needs, asked from
 * the daemon while the user types, so the formula lives in one place), HDR, client options and users (typed, or
 * picked from the host's people). Saving goes through the daemon, which checks and may ask polkit; the dialog stays
 * open until it has answered, and on a refusal keeps every edit and shows why, so nothing typed is lost.
 */
final class SettingsDialog {
    static final String TITLE_PREFIX = "Looking Glass settings — ";
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
        shell.setText(TITLE_PREFIX + vm.name());
        shell.setLayout(new GridLayout(2, false));

        new Label(shell, SWT.NONE).setText("Resolution");
        Combo presets = new Combo(shell, SWT.READ_ONLY | SWT.DROP_DOWN);
        List<Resolution> sizes = new ArrayList<>();
        presets.add("custom size");
        sizes.add(null);
        for (Map.Entry<String, Resolution> p : Resolution.presets().entrySet()) {
            presets.add(p.getKey() + " (" + p.getValue().width() + "×" + p.getValue().height() + ")");
            sizes.add(p.getValue());
        }
        new Label(shell, SWT.NONE).setText("Width");
        Spinner width = spinner(shell, vm.width() == 0 ? 1920 : vm.width());
        new Label(shell, SWT.NONE).setText("Height");
        Spinner height = spinner(shell, vm.height() == 0 ? 1080 : vm.height());
        selectPreset(presets, sizes, width.getSelection(), height.getSelection());
        presets.addListener(SWT.Selection, e -> {
            Resolution chosen = sizes.get(presets.getSelectionIndex());
            if (chosen != null) {
                width.setSelection(chosen.width());
                height.setSelection(chosen.height());
            }
        });
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
        new Label(shell, SWT.NONE).setText("Add a user");
        Combo people = new Combo(shell, SWT.READ_ONLY | SWT.DROP_DOWN);
        DesktopUsers.choices(passwd(), vm.users()).forEach(people::add);
        people.addListener(SWT.Selection, e -> {
            String who = people.getItem(people.getSelectionIndex());
            List<String> now = words(users.getText());
            if (!now.contains(who)) {
                users.setText((users.getText().strip() + " " + who).strip());
            }
        });

        Runnable recompute = () -> {
            showSize(size, width.getSelection(), height.getSelection(), hdr.getSelection());
            selectPreset(presets, sizes, width.getSelection(), height.getSelection());
        };
        width.addListener(SWT.Modify, e -> recompute.run());
        height.addListener(SWT.Modify, e -> recompute.run());
        hdr.addListener(SWT.Selection, e -> recompute.run());
        recompute.run();

        Label status = new Label(shell, SWT.WRAP);
        GridData statusData = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        statusData.widthHint = 420;
        status.setLayoutData(statusData);
        Button save = new Button(shell, SWT.PUSH);
        save.setText("Save");
        Button cancel = new Button(shell, SWT.PUSH);
        cancel.setText("Cancel");
        save.addListener(SWT.Selection, e -> {
            save.setEnabled(false);
            status.setForeground(null);
            status.setText("Saving… (a change takes a few seconds; you may be asked for your password)");
            shell.layout();
            actions.applySettings(vm.uuid(), width.getSelection(), height.getSelection(), hdr.getSelection(),
                    ViewerCommand.split(options.getText()), words(users.getText()))
                    .thenAccept(failure -> display.asyncExec(() -> saved(shell, save, status, failure)));
        });
        cancel.addListener(SWT.Selection, e -> shell.dispose());
        shell.setDefaultButton(save);
        shell.pack();
        shell.open();
    }

    /** The daemon's answer: close on success; on failure keep the dialog, its edits and say why. */
    private static void saved(Shell shell, Button save, Label status, Optional<String> failure) {
        if (shell.isDisposed()) {
            return;
        }
        if (failure.isEmpty()) {
            shell.dispose();
            return;
        }
        status.setForeground(shell.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        status.setText("Not saved: " + failure.get() + " Your changes are still here.");
        save.setEnabled(true);
        shell.layout();
        shell.pack();
    }

    private static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("[\\s,]+"));
    }

    private static void selectPreset(Combo presets, List<Resolution> sizes, int width, int height) {
        int index = sizes.indexOf(new Resolution(width, height));
        presets.select(index < 0 ? 0 : index);
    }

    private static String passwd() {
        try {
            return Files.readString(Path.of("/etc/passwd"));
        } catch (IOException e) {
            return ""; // then only the VM's own users are offered; typing any name still works
        }
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
        s.setValues(value, 1, Resolution.MAX_SIDE, 0, 1, 100);
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
