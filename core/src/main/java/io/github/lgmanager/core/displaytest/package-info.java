// SPDX-License-Identifier: Apache-2.0
/**
 * A Looking Glass host that shows a test card instead of a guest's screen: proves the client, its permissions
 * and its GPU path on the Linux side before anything is installed in the guest, and gives tests pixels they can
 * predict. JDK only; the command that maps the file and keeps time is lg-admin's {@code display-test}.
 */
package io.github.lgmanager.core.displaytest;
