// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/**
 * Domain XML for showing, with what libvirt gives only under {@code VIR_DOMAIN_XML_SECURE} hidden. We read
 * definitions with SECURE so that redefining keeps them (see {@link DomainXmlEditor}), but a preview goes to a
 * caller who may configure the VM, not to one who may read its secrets.
 *
 * <p>What SECURE gates is the {@code passwd} attribute of {@code <graphics>} (VNC, SPICE, RDP: one formatter in
 * libvirt). Disk, TPM and network credentials are {@code <secret>} references by uuid or usage, which libvirt
 * shows without SECURE, so they stay.
 */
public final class Secrets {

    /** What a hidden value reads as. */
    public static final String MASK = "***";

    private Secrets() {
    }

    /**
     * The XML with every graphics password replaced by {@link #MASK}, all else byte for byte. XML we cannot read
     * is replaced whole: showing it could show a password.
     */
    public static String masked(String xml) {
        DomainDocument doc;
        try {
            doc = DomainDocument.parse(xml);
        } catch (DomainXmlException e) {
            return "(domain XML not shown: it cannot be read to hide its passwords: " + e.getMessage() + ")\n";
        }
        doc.root.descendants().filter(e -> e.is("", "graphics") && e.attr("passwd").isPresent())
                .forEach(e -> e.setAttr("passwd", MASK, doc.quote));
        return doc.render();
    }
}
