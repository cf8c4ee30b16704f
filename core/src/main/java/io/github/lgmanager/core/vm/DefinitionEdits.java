// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.vm;

import io.github.lgmanager.core.xml.DomainXmlEditor;
import io.github.lgmanager.core.xml.DomainXmlException;
import io.github.lgmanager.core.xml.EditResult;
import io.github.lgmanager.core.xml.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change to a VM's persistent definition: read it (with secrets, or a redefine would drop passwords), apply a
 * pure edit, define the result only if it changed. Shared by lg-daemon and lg-admin's direct mode.
 */
public final class DefinitionEdits {
    private DefinitionEdits() {
    }

    /** A pure edit of the domain XML. */
    public interface XmlEdit {
        EditResult apply(String xml) throws DomainXmlException;
    }

    /** The edit's notes for the user, and whether a new definition was given to libvirt. */
    public record Outcome(List<String> notes, boolean changed) {
    }

    public static Outcome redefine(Domains domains, String uuid, XmlEdit edit) throws VmCommandException {
        String xml = libvirt(() -> domains.persistentXml(uuid));
        EditResult result = edited(xml, edit);
        List<String> notes = new ArrayList<>(result.notes());
        if (!result.changed()) {
            notes.add("nothing to change");
            return new Outcome(notes, false);
        }
        libvirt(() -> {
            domains.define(result.xml());
            return null;
        });
        recordWhatLibvirtAdded(domains, uuid, result.xml(), notes);
        return new Outcome(notes, true);
    }

    /**
     * When libvirt placed our device itself (a q35 machine with a full root bus), it may have added controllers for
     * it: read its definition back, and record them with a second define so that disable can take them away.
     */
    private static void recordWhatLibvirtAdded(Domains domains, String uuid, String given, List<String> notes)
            throws VmCommandException {
        try {
            if (!DomainXmlEditor.placementLeftToLibvirt(given)) {
                return;
            }
            String defined = libvirt(() -> domains.persistentXml(uuid));
            Optional<EditResult> record = DomainXmlEditor.recordLibvirtAdditions(given, defined);
            if (record.isPresent()) {
                libvirt(() -> {
                    domains.define(record.get().xml());
                    return null;
                });
                notes.addAll(record.get().notes());
            }
        } catch (DomainXmlException e) {
            notes.add("warning: could not record what libvirt added for the device (" + e.getMessage() + ");"
                    + " disable will leave it in place");
        }
    }

    /** The same read and edit as {@link #redefine}, without the define: what would change, as masked before/after. */
    public static Preview preview(Domains domains, String uuid, String vmName, boolean running, XmlEdit edit)
            throws VmCommandException {
        String xml = libvirt(() -> domains.persistentXml(uuid));
        EditResult result = edited(xml, edit);
        List<String> notes = new ArrayList<>(result.notes());
        if (!result.changed()) {
            notes.add("nothing to change");
            return new Preview(notes, "", "");
        }
        if (running) {
            notes.add("VM '" + vmName + "' is running: the change would apply at its next boot");
        }
        return new Preview(notes, Secrets.masked(xml), Secrets.masked(result.xml()));
    }

    private static EditResult edited(String xml, XmlEdit edit) throws VmCommandException {
        try {
            return edit.apply(xml);
        } catch (DomainXmlException e) {
            throw new VmCommandException(VmCommandException.Kind.INVALID_ARGUMENT, e.getMessage());
        }
    }

    /** A libvirt call made for a command: libvirt's refusal becomes the command's LIBVIRT failure, its words kept. */
    public interface LibvirtValue<T> {
        T run() throws LibvirtFailure, VmCommandException;
    }

    public static <T> T libvirt(LibvirtValue<T> work) throws VmCommandException {
        try {
            return work.run();
        } catch (LibvirtFailure e) {
            throw new VmCommandException(VmCommandException.Kind.LIBVIRT, e.getMessage());
        }
    }
}
