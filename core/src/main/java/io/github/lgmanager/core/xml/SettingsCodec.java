// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import io.github.lgmanager.core.settings.ClientOption;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.settings.ShmMode;
import io.github.lgmanager.core.sizing.InvalidResolutionException;
import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our settings inside the domain's {@code <metadata>}, as one {@code <lgm:looking-glass>} element
 * (libvirt keeps one element per namespace there). Children are updated in place and elements of our
 * namespace that this version does not know are left where they are, so an older and a newer
 * lg-manager can take turns on the same VM.
 */
public final class SettingsCodec {

    public static final String NAMESPACE = "https://lgmanager.github.io/xmlns/vm/1";
    public static final String PREFIX = "lgm";
    static final String ROOT = "looking-glass";

    // "auto-open" (one VM-wide boolean) was replaced by "auto-open-users"; it stays known so a write removes it.
    private static final List<String> KNOWN = List.of("enabled", "resolution", "hdr", "formula", "shm", "mode",
            "users", "auto-open", "auto-open-users", "client-options");

    private SettingsCodec() {
    }

    static Optional<XElement> find(DomainDocument doc) {
        return doc.root.element("metadata").flatMap(m -> m.elements().filter(e -> e.is(NAMESPACE, ROOT)).findFirst());
    }

    /** The stored settings, or empty if the VM has none of ours. */
    static Optional<LookingGlassSettings> read(DomainDocument doc) throws InvalidSettingsException {
        Optional<XElement> ours = find(doc);
        return ours.isEmpty() ? Optional.empty() : Optional.of(read(ours.get()));
    }

    static LookingGlassSettings read(XElement ours) throws InvalidSettingsException {
        LookingGlassSettings s = LookingGlassSettings.defaults();
        Optional<XElement> e;
        s = s.withEnabled(bool(ours, "enabled", false));
        if ((e = child(ours, "resolution")).isPresent()) {
            String r = e.get().attrOr("width", "") + "x" + e.get().attrOr("height", "");
            try {
                s = s.withResolution(Resolution.parse(r));
            } catch (InvalidResolutionException ex) {
                throw new InvalidSettingsException("<lgm:resolution>: " + ex.getMessage());
            }
        }
        s = s.withHdr(bool(ours, "hdr", false));
        if ((e = child(ours, "formula")).isPresent()) {
            String f = e.get().text().strip();
            s = s.withFormula(ShmFormula.fromId(f).orElseThrow(() -> new InvalidSettingsException(
                    "<lgm:formula>: unknown formula '" + f + "' (use b7 or idd)")));
        }
        if ((e = child(ours, "shm")).isPresent()) {
            s = s.withShmName(e.get().attrOr("name", ""));
        }
        if ((e = child(ours, "mode")).isPresent()) {
            String type = e.get().attrOr("type", "");
            if (type.equals("kvmfr")) {
                s = s.withMode(ShmMode.kvmfr(e.get().attrOr("device", "")));
            } else if (!type.equals("shm")) {
                throw new InvalidSettingsException("<lgm:mode>: unknown type '" + type + "' (use shm or kvmfr)");
            }
        }
        if ((e = child(ours, "users")).isPresent()) {
            List<String> users = new ArrayList<>();
            for (XElement u : children(e.get(), "user")) {
                users.add(LookingGlassSettings.checkUser(u.text().strip()));
            }
            s = s.withUsers(users);
        }
        if ((e = child(ours, "auto-open-users")).isPresent()) {
            List<String> chose = new ArrayList<>();
            for (XElement u : children(e.get(), "user")) {
                chose.add(LookingGlassSettings.checkUser(u.text().strip()));
            }
            s = s.withAutoOpenUsers(chose);
        } else {
            // an older version's VM-wide choice: it was made for every listed user
            s = s.withAutoOpenForAll(bool(ours, "auto-open", false));
        }
        if ((e = child(ours, "client-options")).isPresent()) {
            List<ClientOption> options = new ArrayList<>();
            for (XElement o : children(e.get(), "option")) {
                options.add(ClientOption.of(o.attrOr("key", ""), o.attrOr("value", "")));
            }
            s = s.withClientOptions(options);
        }
        return s;
    }

    private static Optional<XElement> child(XElement parent, String local) {
        return parent.elements().filter(c -> c.is(NAMESPACE, local)).findFirst();
    }

    private static List<XElement> children(XElement parent, String local) {
        return parent.elements().filter(c -> c.is(NAMESPACE, local)).toList();
    }

    private static boolean bool(XElement ours, String local, boolean fallback) throws InvalidSettingsException {
        Optional<XElement> e = child(ours, local);
        if (e.isEmpty()) {
            return fallback;
        }
        String t = e.get().text().strip();
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingsException("<lgm:" + local + ">: '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t)
                    + "' is not a boolean (use true or false)");
        };
    }

    /** Writes the settings; the enabled flag is written only when true. */
    static void write(DomainDocument doc, LookingGlassSettings s, List<String> notes) {
        XElement ours = find(doc).orElse(null);
        if (ours == null) {
            XElement metadata = doc.root.element("metadata").orElse(null);
            if (metadata == null) {
                metadata = doc.newElement("metadata");
                XElement after = doc.root.elements().filter(e -> e.namespaceUri().isEmpty()
                        && List.of("name", "uuid", "genid", "title", "description").contains(e.localName()))
                        .reduce((a, b) -> b).orElse(null);
                doc.insertAfter(doc.root, after, metadata);
            }
            ours = doc.newElement(PREFIX + ":" + ROOT, "xmlns:" + PREFIX, NAMESPACE);
            doc.insertBefore(metadata, null, ours);
            notes.add("added our settings to <metadata> (namespace " + NAMESPACE + ")");
        }
        String p = ours.lookupPrefix(NAMESPACE);
        String prefix = p == null || p.isEmpty() ? "" : p + ":";
        Map<String, XElement> wanted = render(doc, s, prefix);
        XElement anchor = null;
        for (String local : KNOWN) {
            XElement existing = child(ours, local).orElse(null);
            XElement want = wanted.get(local);
            if (want == null) {
                if (existing != null) {
                    DomainDocument.remove(existing);
                }
                continue;
            }
            if (existing == null) {
                doc.insertAfter(ours, anchor, want);
                anchor = want;
            } else {
                // Resolve want's prefix where it would live: a detached element has no namespace, and would
                // look different from libvirt's own (double-quoted) copy of the same settings.
                want.parent = ours;
                if (!Canonical.of(existing).equals(Canonical.of(want))) {
                    doc.replace(existing, want);
                    existing = want;
                }
                anchor = existing;
            }
        }
    }

    private static Map<String, XElement> render(DomainDocument doc, LookingGlassSettings s, String p) {
        Map<String, XElement> m = new LinkedHashMap<>();
        if (s.enabled()) {
            m.put("enabled", doc.newTextElement(p + "enabled", "true"));
        }
        m.put("resolution", doc.newElement(p + "resolution", "width", Integer.toString(s.resolution().width()),
                "height", Integer.toString(s.resolution().height())));
        m.put("hdr", doc.newTextElement(p + "hdr", Boolean.toString(s.hdr())));
        m.put("formula", doc.newTextElement(p + "formula", s.formula().id()));
        m.put("shm", doc.newElement(p + "shm", "name", s.shmName()));
        m.put("mode", s.mode().isKvmfr()
                ? doc.newElement(p + "mode", "type", "kvmfr", "device", s.mode().devicePath())
                : doc.newElement(p + "mode", "type", "shm"));
        XElement users = doc.newElement(p + "users");
        for (String u : s.users()) {
            DomainDocument.with(users, doc.newTextElement(p + "user", u));
        }
        m.put("users", users);
        XElement autoOpen = doc.newElement(p + "auto-open-users");
        for (String u : s.autoOpenUsers()) {
            DomainDocument.with(autoOpen, doc.newTextElement(p + "user", u));
        }
        m.put("auto-open-users", autoOpen);
        XElement options = doc.newElement(p + "client-options");
        for (ClientOption o : s.clientOptions()) {
            DomainDocument.with(options, doc.newElement(p + "option", "key", o.key(), "value", o.value()));
        }
        m.put("client-options", options);
        return m;
    }

    /** Removes our whole element, and {@code <metadata>} if nothing else was in it. */
    static boolean forget(DomainDocument doc, List<String> notes) {
        Optional<XElement> ours = find(doc);
        if (ours.isEmpty()) {
            return false;
        }
        XElement metadata = ours.get().parent;
        DomainDocument.remove(ours.get());
        notes.add("removed our settings from <metadata>");
        if (metadata.children.stream().allMatch(n -> n instanceof XText t && t.isWhitespace())) {
            DomainDocument.remove(metadata);
        }
        return true;
    }
}
