// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kvmfr mode: libvirt has no device element for a kvmfr character device, so QEMU gets an
 * ivshmem-plain device and a memory backend on {@code <qemu:commandline>}. Other people's arguments
 * there are left alone; ours are recognised by the backend id {@value #OBJECT_ID}, which is also what
 * upstream's instructions use, so a pair written by hand from the docs is adopted and corrected.
 */
final class KvmfrCommandLine {

    static final String OBJECT_ID = "looking-glass";
    /**
     * Not upstream's {@code shmem0}: libvirt names the first {@code <shmem>} device {@code shmem0}, and
     * QEMU refuses two devices with one id when a VM has another shmem device (e.g. for Scream audio).
     */
    static final String DEVICE_ID = "lgm-ivshmem";

    private KvmfrCommandLine() {
    }

    static String deviceValue() {
        return "{'driver':'ivshmem-plain','id':'" + DEVICE_ID + "','memdev':'" + OBJECT_ID + "'}";
    }

    static String objectValue(String devicePath, long sizeBytes) {
        return "{'qom-type':'memory-backend-file','id':'" + OBJECT_ID + "','mem-path':'" + devicePath
                + "','size':" + sizeBytes + ",'share':true}";
    }

    /** One {@code -device}/{@code -object} flag and the value after it, both {@code <qemu:arg>}s. */
    record ArgPair(XElement flag, XElement value, boolean isObject) {
        String text() {
            return value.attrOr("value", "");
        }
    }

    static List<XElement> commandLines(DomainDocument doc) {
        return doc.root.elements().filter(e -> e.is(DomainDocument.QEMU_NS, "commandline")).toList();
    }

    /** Our argument pairs, in document order. */
    static List<ArgPair> ours(DomainDocument doc) {
        List<ArgPair> found = new ArrayList<>();
        for (XElement cl : commandLines(doc)) {
            List<XElement> args = cl.elements().filter(e -> e.is(DomainDocument.QEMU_NS, "arg")).toList();
            for (int i = 0; i + 1 < args.size(); i++) {
                String flag = args.get(i).attrOr("value", "");
                String value = normalize(args.get(i + 1).attrOr("value", ""));
                if (flag.equals("-device") && isOurDevice(value)) {
                    found.add(new ArgPair(args.get(i), args.get(i + 1), false));
                    i++;
                } else if (flag.equals("-object") && isOurObject(value)) {
                    found.add(new ArgPair(args.get(i), args.get(i + 1), true));
                    i++;
                }
            }
        }
        return found;
    }

    private static boolean isOurDevice(String v) {
        return (v.startsWith("ivshmem-plain,") || "ivshmem-plain".equals(property(v, "driver").orElse("")))
                && OBJECT_ID.equals(property(v, "memdev").orElse(""));
    }

    private static boolean isOurObject(String v) {
        return (v.startsWith("memory-backend-file,") || "memory-backend-file".equals(property(v, "qom-type").orElse("")))
                && OBJECT_ID.equals(property(v, "id").orElse(""));
    }

    /**
     * A property from either QEMU syntax: JSON-ish {@code {'id':'x','size':1}} or {@code type,id=x,size=1}.
     * Quotes escaped twice (virt-install 4.1 writes {@code &amp;apos;}) are read as quotes.
     */
    static Optional<String> property(String value, String key) {
        String v = normalize(value);
        Matcher m = Pattern.compile("(?:^|[{,\\s])['\"]?" + Pattern.quote(key) + "['\"]?\\s*[:=]\\s*['\"]?([^'\",}\\s]*)")
                .matcher(v);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String normalize(String v) {
        return v.replace("&apos;", "'").replace("&quot;", "\"").strip();
    }

    /** Makes sure exactly our pair, with this path and size, is on the command line. */
    static void ensure(DomainDocument doc, String devicePath, long sizeBytes, List<String> notes) {
        String device = deviceValue();
        String object = objectValue(devicePath, sizeBytes);
        List<ArgPair> found = ours(doc);
        if (found.size() == 2 && !found.get(0).isObject() && found.get(0).text().equals(device)
                && found.get(1).isObject() && found.get(1).text().equals(object)) {
            return;
        }
        XElement target = found.isEmpty() ? null : found.get(0).flag().parent;
        for (ArgPair p : found) {
            DomainDocument.remove(p.flag());
            DomainDocument.remove(p.value());
        }
        if (target == null) {
            target = commandLines(doc).stream().findFirst().orElse(null);
        }
        if (target == null) {
            String prefix = doc.root.lookupPrefix(DomainDocument.QEMU_NS);
            if (prefix == null || prefix.isEmpty()) {
                prefix = "qemu";
                doc.root.setAttr("xmlns:qemu", DomainDocument.QEMU_NS, doc.quote);
                notes.add("declared xmlns:qemu on <domain> for <qemu:commandline>");
            }
            target = doc.newElement(prefix + ":commandline");
            doc.insertBefore(doc.root, null, target);
        }
        String prefix = target.prefix().isEmpty() ? "" : target.prefix() + ":";
        XElement last = target.elements().reduce((a, b) -> b).orElse(null);
        for (String v : List.of("-device", device, "-object", object)) {
            XElement arg = doc.newElement(prefix + "arg", "value", v);
            doc.insertAfter(target, last, arg);
            last = arg;
        }
        notes.add((found.isEmpty() ? "added" : "rewrote") + " the kvmfr arguments on <qemu:commandline> (" + devicePath
                + ", " + sizeBytes / (1024 * 1024) + " MiB)");
    }

    /** Removes our pair, a command line left empty by that, and a qemu namespace nobody uses any more. */
    static boolean remove(DomainDocument doc, List<String> notes) {
        List<ArgPair> found = ours(doc);
        if (found.isEmpty()) {
            return false;
        }
        for (ArgPair p : found) {
            XElement cl = p.flag().parent;
            DomainDocument.remove(p.flag());
            DomainDocument.remove(p.value());
            if (cl.parent != null && cl.elements().findAny().isEmpty() && cl.children.stream()
                    .allMatch(n -> n instanceof XText t && t.isWhitespace())) {
                DomainDocument.remove(cl);
                cl.parent = null;
            }
        }
        String declared = doc.root.attr("xmlns:qemu").orElse("");
        if (declared.equals(DomainDocument.QEMU_NS) && doc.namespaceUnused(DomainDocument.QEMU_NS)) {
            doc.root.removeAttr("xmlns:qemu");
        }
        notes.add("removed the kvmfr arguments from <qemu:commandline>");
        return true;
    }
}
