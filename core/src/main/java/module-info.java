// SPDX-License-Identifier: Apache-2.0
/** lg-manager's core: pure decisions about a VM's Looking Glass configuration, on the JDK alone. */
module io.github.lgmanager.core {
    requires java.xml;
    requires java.logging;
    exports io.github.lgmanager.core.displaytest;
    exports io.github.lgmanager.core.lgmp;
    exports io.github.lgmanager.core.libvirt;
    exports io.github.lgmanager.core.log;
    exports io.github.lgmanager.core.settings;
    exports io.github.lgmanager.core.sizing;
    exports io.github.lgmanager.core.vm;
    exports io.github.lgmanager.core.xml;
}
