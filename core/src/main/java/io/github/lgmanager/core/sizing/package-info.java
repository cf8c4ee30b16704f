// SPDX-License-Identifier: Apache-2.0
/**
 * Shared-memory sizing. Kept apart from the XML code because users meet it on its own (lg-admin
 * prints a size before changing anything) and because the two formulas must keep reproducing
 * upstream's documented tables exactly: a size that is one power of two too small truncates the
 * guest's screen, one too large wastes host RAM.
 */
package io.github.lgmanager.core.sizing;
