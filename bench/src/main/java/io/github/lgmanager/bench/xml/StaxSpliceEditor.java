// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import static io.github.lgmanager.bench.xml.DomainRules.LGM_NS;
import static io.github.lgmanager.bench.xml.DomainRules.QEMU_NS;

import io.github.lgmanager.bench.xml.DomainRules.El;
import io.github.lgmanager.bench.xml.StaxSpans.Span;
import io.github.lgmanager.core.settings.InvalidSettingsException;
import io.github.lgmanager.core.settings.LookingGlassSettings;
import io.github.lgmanager.core.xml.DomainXmlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The production editor's shm-mode {@code enable} (no guest extras) as a splice: StAX finds where things are, the
 * edits are written into the original string at those offsets, and everything else is the input's own characters.
 */
public final class StaxSpliceEditor {

    private StaxSpliceEditor() {
    }

    public static String enable(String xml, LookingGlassSettings settings) throws DomainXmlException {
        StaxSpans doc = StaxSpans.parse(xml);
        if (doc.root.attrs.containsKey("id")) {
            throw new DomainXmlException("this is the live XML of a running VM; edit the persistent definition");
        }
        TextSplice out = new TextSplice(doc);
        LookingGlassSettings target = settings.withEnabled(true);
        Optional<Span> ours = doc.root.child("", "metadata").flatMap(m -> m.child(LGM_NS, DomainRules.LGM_ROOT));
        Set<String> names = new LinkedHashSet<>();
        try {
            if (ours.isPresent()) {
                names.add(DomainRules.readSettings(ours.get().toEl()).shmName());
            }
        } catch (InvalidSettingsException e) {
            // replaced below, as the production editor does; only the old shm name is lost
        }
        removeKvmfr(doc, out);
        Optional<Span> devices = doc.root.child("", "devices");
        for (String name : names) {
            if (!name.equals(target.shmName())) {
                shmem(devices, name).forEach(out::remove);
            }
        }
        ensureShmem(doc, devices, out, target);
        writeSettings(doc, ours, out, target);
        String result = out.apply();
        if (result.equals(xml)) {
            return xml;
        }
        String problem = DomainRules.problemAfterEnable(StaxDomainReader.definition(result), target);
        if (problem != null) {
            throw new DomainXmlException("the edited XML failed our own check (" + problem + "); nothing was changed");
        }
        return result;
    }

    /** Whether the StAX reader's own character offsets were right for this document (a diagnostic for the bench). */
    public static boolean characterOffsetsAgree(String xml) throws DomainXmlException {
        return StaxSpans.parse(xml).characterOffsetsAgree();
    }

    private static List<Span> shmem(Optional<Span> devices, String name) {
        return devices.map(d -> d.all("", "shmem").stream().filter(s -> name.equals(s.attrs.get("name"))).toList())
                .orElse(List.of());
    }

    private static void ensureShmem(StaxSpans doc, Optional<Span> devices, TextSplice out, LookingGlassSettings target) {
        List<Span> found = shmem(devices, target.shmName());
        found.stream().skip(1).forEach(out::remove);
        if (found.isEmpty()) {
            El shmem = DomainRules.shmem(target.shmName(), target.sizeMiB());
            if (devices.isEmpty()) {
                El created = DomainRules.el("devices", "", "");
                created.children().add(shmem);
                Span before = doc.root.children.stream().filter(e -> !e.ns.isEmpty()
                        || DomainRules.BEFORE_DEVICES_END.contains(e.local())).findFirst().orElse(null);
                out.insertBefore(doc.root, before, created);
                return;
            }
            int rank = DomainRules.DEVICE_ORDER.indexOf("shmem");
            Span after = null;
            for (Span e : devices.get().children) {
                int r = DomainRules.DEVICE_ORDER.indexOf(e.local());
                if (e.ns.isEmpty() && r >= 0 && r <= rank) {
                    after = e;
                }
            }
            out.insertAfter(devices.get(), after, List.of(shmem));
            return;
        }
        Span shmem = found.get(0);
        Optional<Span> model = shmem.child("", "model");
        List<El> first = new ArrayList<>();
        if (!DomainRules.MODEL.equals(model.map(m -> m.attrs.getOrDefault("type", "")).orElse(""))) {
            if (model.isPresent()) {
                out.setAttr(model.get(), "type", DomainRules.MODEL);
            } else {
                first.add(DomainRules.el("model", "", "", "type", DomainRules.MODEL));
            }
            shmem.children.stream().filter(e -> e.is("", "server") || e.is("", "msi")).forEach(out::remove);
        }
        Optional<Long> current = DomainRules.sizeBytes(shmem.toEl());
        if (current.isEmpty() || current.get() != target.sizeBytes()) {
            Optional<Span> size = shmem.child("", "size");
            if (size.isPresent()) {
                out.replace(size.get(), DomainRules.size(target.sizeMiB()));
            } else if (model.isPresent()) {
                out.insertAfter(shmem, model.get(), List.of(DomainRules.size(target.sizeMiB())));
            } else {
                first.add(DomainRules.size(target.sizeMiB()));
            }
        }
        if (!first.isEmpty()) {
            out.insertAfter(shmem, null, first);
        }
    }

    /** Removes our kvmfr pair, a command line it leaves empty, and a qemu namespace nobody uses any more. */
    private static void removeKvmfr(StaxSpans doc, TextSplice out) {
        Set<Span> removed = new HashSet<>();
        for (Span cl : doc.root.all(QEMU_NS, "commandline")) {
            List<Span> args = cl.all(QEMU_NS, "arg");
            List<Integer> ours = DomainRules.ourArgs(args.stream().map(a -> a.attrs.getOrDefault("value", "")).toList());
            if (ours.isEmpty()) {
                continue;
            }
            if (ours.size() == cl.children.size() && cl.text.toString().isBlank() && !cl.hasMarkup) {
                out.remove(cl);
                removed.add(cl);
            } else {
                ours.forEach(i -> {
                    out.remove(args.get(i));
                    removed.add(args.get(i));
                });
            }
        }
        if (!removed.isEmpty() && QEMU_NS.equals(doc.root.declared.get("qemu")) && doc.elements.stream()
                .noneMatch(e -> !inside(e, removed) && (e.ns.equals(QEMU_NS) || e.usesQemuAttribute))) {
            out.removeAttr(doc.root, "xmlns:qemu");
        }
    }

    private static boolean inside(Span e, Set<Span> removed) {
        for (Span s = e; s != null; s = s.parent) {
            if (removed.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static void writeSettings(StaxSpans doc, Optional<Span> ours, TextSplice out, LookingGlassSettings s) {
        Optional<Span> metadata = doc.root.child("", "metadata");
        if (ours.isEmpty()) {
            El created = DomainRules.el("lgm:" + DomainRules.LGM_ROOT, LGM_NS, "", "xmlns:lgm", LGM_NS);
            created.children().addAll(DomainRules.render(s, "lgm:").values());
            if (metadata.isPresent()) {
                out.insertBefore(metadata.get(), null, created);
            } else {
                El md = DomainRules.el("metadata", "", "");
                md.children().add(created);
                Span after = null;
                for (Span e : doc.root.children) {
                    if (e.ns.isEmpty() && DomainRules.BEFORE_METADATA.contains(e.local())) {
                        after = e;
                    }
                }
                out.insertAfter(doc.root, after, List.of(md));
            }
            return;
        }
        String prefix = ours.get().prefix().isEmpty() ? "" : ours.get().prefix() + ":";
        Map<String, El> wanted = DomainRules.render(s, prefix);
        Span anchor = null;
        List<El> pending = new ArrayList<>();
        for (String local : DomainRules.KNOWN) {
            Optional<Span> existing = ours.get().child(LGM_NS, local);
            El want = wanted.get(local);
            if (want == null) {
                existing.ifPresent(out::remove);
            } else if (existing.isEmpty()) {
                pending.add(want);
            } else {
                if (!pending.isEmpty()) {
                    out.insertAfter(ours.get(), anchor, List.copyOf(pending));
                    pending.clear();
                }
                if (!existing.get().toEl().sameContent(want)) {
                    out.replace(existing.get(), want);
                }
                anchor = existing.get();
            }
        }
        if (!pending.isEmpty()) {
            out.insertAfter(ours.get(), anchor, pending);
        }
    }
}
