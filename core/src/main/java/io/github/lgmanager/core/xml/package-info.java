// SPDX-License-Identifier: Apache-2.0
/**
 * Domain XML editing for Looking Glass. The VMs we edit are hand-tuned by their owners and we have
 * never seen them, so every edit is a pure function on the XML text that touches only what it manages
 * and renders everything else from the characters it was read from (our own small tree instead of the
 * JDK's DOM, which forgets attribute order and quoting). Untrusted input meets the JDK parser in one
 * place, {@code SecureXml}.
 */
package io.github.lgmanager.core.xml;
