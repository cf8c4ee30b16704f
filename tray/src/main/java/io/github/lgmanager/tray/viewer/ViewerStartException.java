// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.tray.viewer;

import java.io.IOException;

/** The viewer program could not be started; the message says how to fix it. */
public final class ViewerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public ViewerStartException(String message) {
        super(message);
    }

    static ViewerStartException from(String program, IOException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("error=2,")) {
            return new ViewerStartException(program + " is not installed (not found in PATH). Install Looking Glass's"
                    + " client (https://looking-glass.io/downloads), or set viewer= in ~/.config/lg-manager/tray.properties");
        }
        if (text.contains("error=13,")) {
            return new ViewerStartException(program + " is not executable: chmod +x it, or set another viewer= in"
                    + " ~/.config/lg-manager/tray.properties");
        }
        return new ViewerStartException("cannot start " + program + ": " + text);
    }
}
